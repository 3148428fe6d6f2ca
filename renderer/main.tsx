import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { systemLanguage } from './i18n';
import { initI18n } from './app/i18n';
import { useUi } from './store/ui';
import {
  bookNeedsUpgrade,
  openDatabase,
  DatabaseOpenError,
  requestPersistentStorage,
} from './data/open';
import { Repository } from './data/repository';
import { appSyncClock } from './sync/clock';
import { DataProvider } from './data/DataContext';
import { App } from './app/App';
import { StorageGate } from './features/storage';
import { DatabaseErrorScreen } from './app/DatabaseErrorScreen';
import { OpeningScreen } from './app/OpeningScreen';
import './app/styles.css';

async function start() {
  const i18n = initI18n(useUi.getState().language ?? systemLanguage());
  const root = createRoot(document.getElementById('root')!);
  try {
    // A slow open (the first after an update upgrades the book) says why, instead of a blank window.
    const upgrading = await bookNeedsUpgrade();
    root.render(
      <I18nextProvider i18n={i18n}>
        <OpeningScreen upgrading={upgrading} />
      </I18nextProvider>,
    );
    const db = await openDatabase();
    void requestPersistentStorage();
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <DataProvider db={db} repo={new Repository(db, { now: appSyncClock.now })}>
            <StorageGate>
              <App />
            </StorageGate>
          </DataProvider>
        </I18nextProvider>
      </StrictMode>,
    );
  } catch (error) {
    const failure =
      error instanceof DatabaseOpenError ? error : new DatabaseOpenError('unknown', String(error));
    root.render(
      <I18nextProvider i18n={i18n}>
        <DatabaseErrorScreen error={failure} />
      </I18nextProvider>,
    );
  }
}

void start();

/** Renders the real app over a fresh fake-indexeddb database, in the given language. */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createDb } from '../../renderer/data/db';
import { Repository } from '../../renderer/data/repository';
import { DataProvider } from '../../renderer/data/DataContext';
import { setLanguage, type Language } from '../../renderer/i18n';
import { initI18n } from '../../renderer/app/i18n';

export async function renderWithData(ui: ReactElement, language: Language = 'ru') {
  const db = createDb(`component-${Math.random()}`);
  await db.open();
  const repo = new Repository(db);
  const i18n = initI18n(language);
  await setLanguage(language);
  const view = render(
    <I18nextProvider i18n={i18n}>
      <DataProvider db={db} repo={repo}>
        {ui}
      </DataProvider>
    </I18nextProvider>,
  );
  return { ...view, db, repo };
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRepository } from '../../data/DataContext';
import { loadDemoData } from './data/demo';

export function DemoDataSection() {
  const { t } = useTranslation();
  const repo = useRepository();
  const [state, setState] = useState<{
    phase: 'idle' | 'loading' | 'done' | 'failed';
    count: number;
    error?: string;
  }>({
    phase: 'idle',
    count: 0,
  });

  const load = async () => {
    setState({ phase: 'loading', count: 0 });
    try {
      const count = await loadDemoData(repo, {
        onProgress: (n) => setState({ phase: 'loading', count: n }),
      });
      setState({ phase: 'done', count });
    } catch (error) {
      setState({ phase: 'failed', count: 0, error: (error as Error).message });
    }
  };

  return (
    <section aria-labelledby="demo-heading" className="settings-section">
      <h2 id="demo-heading">{t('settings.demo.title')}</h2>
      <p className="muted">{t('settings.demo.hint')}</p>
      <button type="button" onClick={() => void load()} disabled={state.phase === 'loading'}>
        {t('settings.demo.load')}
      </button>
      <p role="status" aria-live="polite">
        {state.phase === 'loading' && `${t('settings.demo.loading')} ${state.count}`}
        {state.phase === 'done' && t('settings.demo.loaded', { count: state.count })}
      </p>
      {state.phase === 'failed' && (
        <p className="error" role="alert">
          {t('settings.demo.failed', { reason: state.error })}
        </p>
      )}
    </section>
  );
}

import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getDesktopApi } from '../../platform';
import { diagnose } from '../../sync/problems';
import { useSyncEngine } from './data/useSync';
import { ErrorAlert } from '../../ui/ErrorAlert';

export function SignInForm({ lastServerUrl }: { lastServerUrl: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const engine = useSyncEngine();
  const [serverUrl, setServerUrl] = useState(lastServerUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void getDesktopApi()
      .appInfo()
      .then((info) => {
        if (live) setDeviceName((name) => name || t('sync.signIn.defaultDevice', info));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await engine.signIn({
        serverUrl,
        email,
        password,
        deviceName: deviceName.trim() || t('sync.signIn.defaultDevice', { platform: 'web' }),
      });
    } catch (caught) {
      const { problem } = diagnose(caught);
      setError(t(`sync.problems.${problem.code}`, { detail: problem.detail ?? '' }));
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t('sync.signIn.heading')}</h2>
      <p className="muted">{t('sync.signIn.hint')}</p>
      <form className="sync-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${ids}-url`}>{t('sync.signIn.serverUrl')}</label>
          <input
            id={`${ids}-url`}
            type="url"
            inputMode="url"
            required
            autoComplete="url"
            placeholder="https://"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-email`}>{t('sync.signIn.email')}</label>
          <input
            id={`${ids}-email`}
            type="email"
            required
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-password`}>{t('sync.signIn.password')}</label>
          <input
            id={`${ids}-password`}
            type="password"
            required
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-device`}>{t('sync.signIn.deviceName')}</label>
          <input
            id={`${ids}-device`}
            maxLength={200}
            value={deviceName}
            onChange={(e) => setDeviceName(e.target.value)}
          />
        </div>
        <ErrorAlert error={error} />
        <div className="sync-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('sync.signIn.submitting') : t('sync.signIn.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

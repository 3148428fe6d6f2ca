import { useTranslation } from 'react-i18next';

/** A long step of the import: how far it is, and the way out. */
export function ImportProgress({
  label,
  share,
  onCancel,
}: {
  label: string;
  share: number;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const percent = Math.round(Math.min(1, Math.max(0, share)) * 100);
  return (
    <div className="import-progress" role="status">
      <p>{label}</p>
      <progress max={100} value={percent} aria-label={label}>
        {percent}%
      </progress>
      <p className="hint">{t('clients.import.cancelHint')}</p>
      <button type="button" onClick={onCancel}>
        {t('clients.import.cancel')}
      </button>
    </div>
  );
}

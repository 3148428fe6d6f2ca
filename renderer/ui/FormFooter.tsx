import { useTranslation } from 'react-i18next';

/** The end of every edit form: what went wrong (read out at once), Save, and Cancel. */
export function FormFooter({
  error,
  saving,
  saveLabel,
  onCancel,
}: {
  error: string | null | undefined;
  saving: boolean;
  saveLabel?: string;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t('common.saving') : (saveLabel ?? t('common.save'))}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </>
  );
}

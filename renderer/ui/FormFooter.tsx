import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

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
      <ErrorAlert error={error} />
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

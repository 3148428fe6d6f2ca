import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useToasts } from '../store/toasts';
import { onToast } from '../platform';

/**
 * In-app messages: the app's own, and notifications the system could not show. At most three,
 * newest first, in a strip of their own below the page (renderer/app/styles.css): they push the
 * page up instead of lying over its buttons.
 */
export function Toasts() {
  const { t } = useTranslation();
  const { toasts, dismiss, show } = useToasts();
  useEffect(() => onToast((n) => show(n.body ? `${n.title}: ${n.body}` : n.title)), [show]);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {[...toasts].reverse().map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <span>{toast.text}</span>
          <button
            type="button"
            className="icon-button"
            aria-label={t('common.close')}
            onClick={() => dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

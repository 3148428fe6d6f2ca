import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The foot of an import step: its main action, then the way back to choosing another file. */
export function StepActions({ onBack, children }: { onBack: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      {children}
      <button type="button" onClick={onBack}>
        {t('clients.import.chooseOther')}
      </button>
    </div>
  );
}

/** The visit's steps, any of which the rep can jump to; each shows what is still required. */
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../shared/domain';
import type { RunProgress } from '../../../shared/domain/checklistRun';
import { useLocalized } from '../../i18n/localize';

export const FINISH_STEP = ':finish';

export function StepList(props: {
  template: ChecklistTemplate;
  progress: RunProgress;
  current: string;
  onGo: (step: string) => void;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  return (
    <nav className="step-list" aria-label={t('visits.mode.steps')}>
      <ol>
        {props.template.steps.map((step, i) => {
          const p = props.progress.steps[i];
          const left = p ? p.required - p.requiredAnswered : 0;
          return (
            <li key={step.key}>
              <button
                type="button"
                aria-current={props.current === step.key ? 'step' : undefined}
                onClick={() => props.onGo(step.key)}
              >
                <span className="step-number" aria-hidden="true">
                  {left === 0 && p && p.answered > 0 ? '✓' : i + 1}
                </span>
                <span className="step-title">
                  {pick(step.title)}
                  {left > 0 && (
                    <span className="step-left">{t('visits.mode.missing', { count: left })}</span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
        <li>
          <button
            type="button"
            aria-current={props.current === FINISH_STEP ? 'step' : undefined}
            onClick={() => props.onGo(FINISH_STEP)}
          >
            <span className="step-number" aria-hidden="true">
              ⏎
            </span>
            <span className="step-title">{t('visits.mode.finishStep')}</span>
          </button>
        </li>
      </ol>
      <p className="hint step-progress">
        {t('visits.mode.progress', { percent: props.progress.percent })}
      </p>
    </nav>
  );
}

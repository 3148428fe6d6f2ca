/**
 * The last step: what is still required (each a jump to its step), what finishing will record,
 * and the button that applies it all in one transaction.
 */
import { useTranslation } from 'react-i18next';
import {
  closingOutcome,
  loyaltyFromAnswers,
  validateRun,
} from '../../../shared/domain/checklistRun';
import { addDays } from '../../../shared/domain/followups/days';
import { useRepository } from '../../data/DataContext';
import { ActionButton } from '../../ui/ActionButton';
import { useAction } from '../../ui/useAction';
import { localDay } from '../../data/localTime';
import {
  filledProblems,
  filledReferrals,
  readProblemDrafts,
  readReferralDrafts,
} from './data/visitExtras';
import { DEFAULT_NEXT_STEP_DAYS, finishVisit, VisitIncompleteError } from './data/visitOutcome';
import type { VisitContext } from './data/visits';
import { useFormatDate } from '../../i18n/dates';
import { useLocalized } from '../../i18n/localize';
import type { Answers } from './data/useVisitEditor';

export function FinishPanel(props: {
  ctx: VisitContext;
  answers: Answers;
  flush: () => Promise<void>;
  onGo: (step: string) => void;
  onFinished: () => void;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const formatDay = useFormatDate();
  const repo = useRepository();
  const finishing = useAction((e) =>
    e instanceof VisitIncompleteError
      ? t('visits.finish.missing')
      : t('visits.finish.failed', { reason: (e as Error).message }),
  );
  const { ctx, answers } = props;
  const template = ctx.template!;
  const benefitIds = ctx.purchase?.promisedBenefits.map((b) => b.id);
  const validation = validateRun(template, answers, { promisedBenefitIds: benefitIds });
  const blocked = validation.steps.filter((s) => s.missing.length + s.invalid.length > 0);

  const effects: string[] = [];
  if (ctx.visit.kind === 'closing') {
    const outcome = closingOutcome(answers);
    if (outcome?.result === 'won') {
      effects.push(
        t('visits.finish.won', {
          count: outcome.promisedBenefits.length,
          delivery: outcome.deliveryDate
            ? t('visits.finish.wonDelivery', { date: formatDay(outcome.deliveryDate) })
            : '',
        }),
      );
    } else if (outcome?.result === 'postponed') {
      const date = outcome.nextDate ?? addDays(localDay(), DEFAULT_NEXT_STEP_DAYS);
      effects.push(t('visits.finish.postponed', { step: outcome.nextStep, date: formatDay(date) }));
    } else if (outcome?.result === 'lost') {
      effects.push(
        t('visits.finish.lost', { reason: t(`visits.lostReason.${outcome.reason ?? 'other'}`) }),
      );
    }
  } else if (ctx.visit.kind === 'post_sale') {
    const problems = filledProblems(readProblemDrafts(answers)).length;
    const referrals = filledReferrals(readReferralDrafts(answers)).length;
    const loyalty = loyaltyFromAnswers(answers);
    if (problems > 0) effects.push(t('visits.finish.problems', { count: problems }));
    if (referrals > 0) effects.push(t('visits.finish.referrals', { count: referrals }));
    if (loyalty !== 'unknown')
      effects.push(t('visits.finish.loyalty', { level: t(`visits.loyalty.${loyalty}`) }));
  }

  const finish = () =>
    finishing.run(async () => {
      await props.flush();
      await finishVisit(repo, ctx.visit.id);
      props.onFinished();
    });

  return (
    <section className="step-view finish-panel" aria-labelledby="finish-title">
      <h2 id="finish-title" tabIndex={-1}>
        {t('visits.finish.title')}
      </h2>
      {blocked.length > 0 ? (
        <div className="finish-missing" role="status">
          <p>{t('visits.finish.missing')}</p>
          <ul>
            {blocked.map((s) => {
              const step = template.steps.find((x) => x.key === s.step)!;
              const labels = [...s.missing, ...s.invalid].map((key) =>
                pick(step.items.find((i) => i.key === key)?.label),
              );
              return (
                <li key={s.step}>
                  <button type="button" className="link-button" onClick={() => props.onGo(s.step)}>
                    {t('visits.finish.goTo', { step: pick(step.title) })}
                  </button>
                  : {labels.join(', ')}
                </li>
              );
            })}
          </ul>
        </div>
      ) : (
        <p className="ok-text">{t('visits.finish.ready')}</p>
      )}
      {effects.length > 0 && (
        <>
          <p>{t('visits.finish.willDo')}</p>
          <ul className="effects">
            {effects.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </>
      )}
      <ActionButton
        action={finishing}
        label={t('visits.finish.button')}
        busyLabel={t('visits.finish.finishing')}
        disabled={blocked.length > 0}
        onClick={finish}
      />
    </section>
  );
}

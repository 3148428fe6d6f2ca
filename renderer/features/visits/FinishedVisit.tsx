/** A finished visit: what it decided and what it recorded, read back from the database. */
import { useTranslation } from 'react-i18next';
import { navigate } from '../../store/router';
import type { VisitContext } from './data/visits';
import { useVisitRecords } from './data/useVisitReads';
import { useFormatDate } from '../../i18n/dates';
import { useLocalized } from '../../i18n/localize';

export function FinishedVisit({ ctx }: { ctx: VisitContext }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const formatDate = useFormatDate();
  const { visit } = ctx;
  const recorded = useVisitRecords(visit);
  const outcome = visit.outcome;

  return (
    <section className="finished-visit" aria-labelledby="finished-title">
      <h2 id="finished-title">{t('visits.done.title')}</h2>
      {visit.finishedAt && (
        <p className="muted">
          {t('visits.done.finishedOn', { date: formatDate(visit.finishedAt, 'withTime') })}
        </p>
      )}
      {outcome?.result === 'won' && recorded?.purchase && (
        <div className="done-block">
          <h3>{t('visits.done.purchase')}</h3>
          <p>
            {recorded.purchase.delivery.due
              ? t('visits.done.deliveryDue', { date: formatDate(recorded.purchase.delivery.due) })
              : t('visits.done.noDelivery')}
          </p>
          <p className="hint">{t('visits.done.promised')}</p>
          <ul>
            {recorded.purchase.promisedBenefits.map((b) => (
              <li key={b.id}>{b.text}</li>
            ))}
          </ul>
        </div>
      )}
      {outcome?.result === 'postponed' && (
        <p>
          {t('visits.done.nextStep', {
            step: outcome.nextStep,
            date: outcome.nextDate ? formatDate(outcome.nextDate) : '—',
          })}
        </p>
      )}
      {outcome?.result === 'lost' && (
        <p>
          {t('visits.done.lostReason', {
            reason: t(`visits.lostReason.${outcome.reason}`, { defaultValue: outcome.reason }),
          })}
        </p>
      )}
      {visit.kind === 'post_sale' && recorded?.client && (
        <p>{t('visits.done.loyalty', { level: t(`visits.loyalty.${recorded.client.loyalty}`) })}</p>
      )}
      {recorded && recorded.problems.length > 0 && (
        <div className="done-block">
          <h3>{t('visits.done.problems')}</h3>
          <ul>
            {recorded.problems.map((p) => (
              <li key={p.id}>
                {p.description} — {p.owner || '—'} ({t(`visits.problemStatus.${p.status}`)})
              </li>
            ))}
          </ul>
        </div>
      )}
      {visit.kind === 'post_sale' && recorded && recorded.referred.length > 0 && (
        <div className="done-block">
          <h3>{t('visits.done.referrals')}</h3>
          <ul>
            {recorded.referred.map((c) => (
              <li key={c.id}>
                <a href={`#/clients/${c.id}`}>{c.name}</a> · {t(`visits.clientStatus.${c.status}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {ctx.template && <p className="muted">{pick(ctx.template.title)}</p>}
      <div className="actions">
        <button
          type="button"
          onClick={() => navigate({ page: 'clients', clientId: visit.clientId })}
        >
          {t('visits.done.openClient')}
        </button>
        <button type="button" onClick={() => navigate({ page: 'agenda' })}>
          {t('visits.done.toAgenda')}
        </button>
      </div>
    </section>
  );
}

/**
 * A finished visit read back in full (what it decided, every answer, the notes, what it recorded)
 * and printed as a one-page visit report in the rep's language: the browser's print, or in the
 * desktop app a PDF saved where the rep chooses.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../store/router';
import type { VisitContext } from './data/visits';
import { useVisitRecords } from './data/useVisitReads';
import { useFormatDate } from '../../i18n/dates';
import { useLocalized } from '../../i18n/localize';
import { visitRecord, type RecordWords } from './visitRecord';
import { PrintVisitButton } from './PrintVisitButton';

export function FinishedVisit({ ctx }: { ctx: VisitContext }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const formatDate = useFormatDate();
  const { visit } = ctx;
  const recorded = useVisitRecords(visit);
  const outcome = visit.outcome;
  const titleRef = useRef<HTMLHeadingElement>(null);

  // Finishing (or opening) a finished visit lands the focus on its summary.
  useEffect(() => {
    titleRef.current?.focus();
  }, [visit.id]);

  const words: RecordWords = {
    pick,
    yes: t('visits.item.yes'),
    no: t('visits.done.no'),
    reality: (r) => (r ? t(`visits.item.reality.${r}`) : t('visits.done.notRated')),
    remarks: (text) => t('visits.done.remarks', { text }),
    formatDay: (day) => formatDate(day),
  };
  const benefits = ctx.purchase?.promisedBenefits ?? recorded?.purchase?.promisedBenefits ?? [];
  const steps =
    ctx.template && ctx.run ? visitRecord(ctx.template, ctx.run.answers, benefits, words) : [];
  const notes = visit.notes.trim();
  const when = visit.finishedAt ?? visit.startedAt;

  return (
    <section className="finished-visit" aria-labelledby="finished-title">
      <h2 id="finished-title" ref={titleRef} tabIndex={-1}>
        {t('visits.done.title')}
      </h2>
      <p className="print-only visit-report-title">
        {t('visits.done.reportTitle', {
          client: ctx.client?.name ?? '',
          date: formatDate(when, 'withTime'),
        })}
      </p>
      {visit.finishedAt && (
        <p className="muted">
          {t('visits.done.finishedOn', { date: formatDate(visit.finishedAt, 'withTime') })}
        </p>
      )}
      {ctx.template && <p className="muted">{pick(ctx.template.title)}</p>}
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
      {steps.length > 0 && (
        <div className="done-block visit-record">
          <h3>{t('visits.done.answers')}</h3>
          {steps.map((step) => (
            <section key={step.key} className="record-step" aria-label={step.title}>
              <h4>{step.title}</h4>
              <dl>
                {step.rows.map((row) => (
                  <div key={row.key} className="record-row">
                    <dt>{row.label}</dt>
                    {row.values.map((value, i) => (
                      <dd key={i}>{value}</dd>
                    ))}
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      )}
      {notes && (
        <div className="done-block">
          <h3>{t('visits.mode.notes')}</h3>
          <p className="record-notes">{notes}</p>
        </div>
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
      <div className="actions no-print">
        <PrintVisitButton clientName={ctx.client?.name ?? ''} day={when.slice(0, 10)} />
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

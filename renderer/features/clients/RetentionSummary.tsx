import { useTranslation } from 'react-i18next';
import { isLive, type Client, type RetentionPlan } from '../../../shared/domain';
import { formatDate } from '../../i18n/dates';

/**
 * The churn reason and the retention plan to read (a rep's client on a manager's device): what
 * RetentionSection edits, without a control.
 */
export function RetentionSummary({
  client,
  plans,
}: {
  client: Client;
  plans: readonly RetentionPlan[];
}) {
  const { t, i18n } = useTranslation();
  const plan = plans.filter(isLive).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return (
    <section className="card-section retention" aria-labelledby="retention-heading">
      <h3 id="retention-heading">{t('clients.retention.title')}</h3>
      <dl className="details">
        <dt>{t('clients.retention.reason')}</dt>
        <dd>
          {client.churnReason
            ? t(`clients.churn.${client.churnReason}`)
            : t('clients.retention.reasonUnknown')}
          {client.churnComment && ` · ${client.churnComment}`}
        </dd>
        {plan && (
          <>
            <dt>{t('clients.retention.status')}</dt>
            <dd>{t(`clients.retention.statuses.${plan.status}`)}</dd>
            {plan.cause && (
              <>
                <dt>{t('clients.retention.cause')}</dt>
                <dd className="client-notes">{plan.cause}</dd>
              </>
            )}
          </>
        )}
      </dl>
      {!plan ? (
        <p className="muted">{t('clients.retention.noPlan')}</p>
      ) : (
        plan.actions.length > 0 && (
          <>
            <h4>{t('clients.retention.actions')}</h4>
            <ul className="retention-actions">
              {plan.actions.map((a) => (
                <li key={a.id} className={a.done ? 'done' : undefined}>
                  {a.text}
                  {a.responsible && ` · ${a.responsible}`}
                  {a.due && ` · ${formatDate(a.due, 'withMonth', i18n.language)}`}
                  {a.done && ` · ${t('clients.retention.done')}`}
                </li>
              ))}
            </ul>
          </>
        )
      )}
    </section>
  );
}

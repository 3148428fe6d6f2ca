/**
 * What the rep must not forget during the talk, always on screen: who is who and how each wants
 * to be addressed, the last purchase with what was promised, and the problems still open (whose
 * status can be moved on right here, e.g. when the client confirms a fix).
 */
import { useTranslation } from 'react-i18next';
import { useRepository } from '../../data/DataContext';
import { useClientFacts } from './data/useVisitReads';
import { advanceProblem, nextProblemStatus } from './data/contactLog';
import { purchaseTitle } from '../../../shared/domain/followups/milestones';
import { useFormatDate } from '../../i18n/dates';

export function ClientFacts({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const repo = useRepository();
  const formatDate = useFormatDate();
  const facts = useClientFacts(clientId);
  if (!facts) return null;
  const { client, people, purchase, problems } = facts;

  return (
    <section className="facts" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('visits.facts.title')}</h2>
      {client && (
        <p className="facts-line muted">
          {t('visits.facts.status', { status: t(`visits.clientStatus.${client.status}`) })} ·{' '}
          {t('visits.facts.loyalty', { level: t(`visits.loyalty.${client.loyalty}`) })}
        </p>
      )}
      <h3>{t('visits.facts.people')}</h3>
      {people.length === 0 ? (
        <p className="muted">{t('visits.facts.noPeople')}</p>
      ) : (
        <ul className="facts-list">
          {people.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>
              {p.role && <span className="muted">, {p.role}</span>}
              <br />
              <span className={`address-form address-${p.addressForm}`}>
                {t(`visits.facts.addressForm.${p.addressForm}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('visits.facts.lastPurchase')}</h3>
      {!purchase ? (
        <p className="muted">{t('visits.facts.noPurchase')}</p>
      ) : (
        <div className="facts-purchase">
          <p>
            {t('visits.facts.purchaseLine', {
              date: formatDate(purchase.date),
              title: purchaseTitle(purchase),
            })}
            {purchase.delivery.done ? (
              <span className="muted">
                {' '}
                · {t('visits.facts.delivered', { date: formatDate(purchase.delivery.done) })}
              </span>
            ) : purchase.delivery.due ? (
              <span className="muted">
                {' '}
                · {t('visits.facts.delivery', { date: formatDate(purchase.delivery.due) })}
              </span>
            ) : null}
          </p>
          {purchase.promisedBenefits.length > 0 && (
            <>
              <p className="hint">{t('visits.facts.promised')}</p>
              <ul className="facts-list compact">
                {purchase.promisedBenefits.map((b) => (
                  <li key={b.id}>{b.text}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <h3>{t('visits.facts.openProblems')}</h3>
      {problems.length === 0 ? (
        <p className="muted">{t('visits.facts.noProblems')}</p>
      ) : (
        <ul className="facts-list">
          {problems.map((p) => {
            const next = nextProblemStatus(p.status);
            return (
              <li key={p.id}>
                <span>{p.description}</span>
                <br />
                <span className="muted">
                  {t('visits.facts.problemLine', {
                    status: t(`visits.problemStatus.${p.status}`),
                    owner: p.owner || '—',
                  })}
                  {p.due && ` · ${t('visits.facts.due', { date: formatDate(p.due) })}`}
                </span>
                {next && (
                  <button
                    type="button"
                    className="small-button"
                    onClick={() => void advanceProblem(repo, p)}
                  >
                    {t(`visits.facts.advance.${p.status as 'open' | 'in_progress' | 'fixed'}`)}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

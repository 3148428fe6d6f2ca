import { useTranslation } from 'react-i18next';
import { navigate } from '../../store/router';
import { useRepository } from '../../data/DataContext';
import { summarizeClient } from './data/clientSummary';
import { localToday } from './data/clientQueries';
import { trashClient } from './data/trash';
import { useToasts } from '../../store/toasts';
import { ClientDetails } from './ClientDetails';
import { PeopleSection } from './PeopleSection';
import { PurchasesSection } from './PurchasesSection';
import { RetentionSection } from './RetentionSection';
import { RetentionSummary } from './RetentionSummary';
import { Timeline } from './Timeline';
import { HealthBadge } from './HealthBadge';
import { useClientCard } from './data/useClientCard';
import { useClientAccess, type ClientAccessOnDevice } from './data/clientAccess';
import { ContactLogForm, ReferredBy, StartVisitButtons } from '../visits';
import { useState } from 'react';
import { formatDate } from '../../i18n/dates';
import { useCadenceSettings } from '../settings';
import { OwnerName } from '../sync';

/**
 * Everything the rep knows about one client, newest first where time matters. On a manager's
 * device a rep's client opens to read: a line names whose it is, and nothing on it can be
 * changed, as the server would refuse the change. Not even a note: the book counts a note as a
 * contact, so a manager's note would move the rep's last contact and quiet their reminders
 * though nobody spoke to the client.
 */
export function ClientCard({
  clientId,
  logContact = false,
}: {
  clientId: string;
  /** Open with the contact log form showing (asked for from the search results). */
  logContact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [logging, setLogging] = useState(logContact);
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const records = useClientCard(clientId);
  const access = useClientAccess(records?.client);
  const cadence = useCadenceSettings();
  if (records === undefined || (records !== null && access === undefined))
    return <p className="muted">{t('clients.loading')}</p>;
  if (records === null || records.client.deletedAt !== null) {
    return <p className="muted empty">{t('clients.card.gone')}</p>;
  }
  const { client } = records;
  const readOnly = access?.kind === 'view';
  const summary = summarizeClient(records, cadence);
  const today = localToday();
  const atRisk =
    client.status === 'at_risk' || client.status === 'lost' || client.churnReason !== null;

  return (
    <article className="client-card" aria-labelledby="client-card-title">
      <header className="card-header">
        <h2 id="client-card-title" data-page-heading>
          {client.name}
        </h2>
        {access?.kind === 'view' && <ViewOnlyLine access={access} />}
        <p className="card-facts">
          <span>{t(`clients.kind.${client.kind}`)}</span>
          <span className={`status status-${client.status}`}>
            {t(`clients.status.${client.status}`)}
          </span>
          <HealthBadge summary={summary} today={today} />
        </p>
        <dl className="card-dates">
          <div>
            <dt>{t('clients.card.lastContact')}</dt>
            <dd>
              {summary.lastContact
                ? formatDate(summary.lastContact, 'withMonth', i18n.language)
                : t('clients.card.never')}
            </dd>
          </div>
          <div>
            <dt>{t('clients.card.nextFollowUp')}</dt>
            <dd className={summary.nextFollowUp && summary.nextFollowUp < today ? 'overdue' : ''}>
              {summary.nextFollowUp
                ? formatDate(summary.nextFollowUp, 'withMonth', i18n.language)
                : t('clients.card.none')}
            </dd>
          </div>
          <div>
            <dt>{t('clients.card.owner')}</dt>
            <dd>
              <OwnerName userId={client.ownerId} />
            </dd>
          </div>
          {client.referredBy && <ReferredBy referrerId={client.referredBy} />}
        </dl>
        {!readOnly && (
          <div className="card-actions">
            <StartVisitButtons clientId={client.id} />
            <button type="button" aria-expanded={logging} onClick={() => setLogging(!logging)}>
              {t('clients.card.logContact')}
            </button>
          </div>
        )}
        {logging && !readOnly && (
          <div className="card-contact-log">
            <ContactLogForm
              clientId={client.id}
              focusFirst
              onCancel={() => setLogging(false)}
              onSaved={() => {
                setLogging(false);
                toast(t('clients.card.contactLogged'));
              }}
            />
          </div>
        )}
      </header>

      <ClientDetails key={client.updatedAt} client={client} readOnly={readOnly} />
      <PeopleSection clientId={client.id} people={summary.people} readOnly={readOnly} />
      <PurchasesSection clientId={client.id} purchases={records.purchases} readOnly={readOnly} />
      {atRisk &&
        (readOnly ? (
          <RetentionSummary client={client} plans={records.retentionPlans} />
        ) : (
          <RetentionSection client={client} plans={records.retentionPlans} />
        ))}
      <Timeline records={records} readOnly={readOnly} />

      {!readOnly && (
        <div className="actions danger-zone">
          <button
            type="button"
            onClick={async () => {
              await trashClient(repo, client.id);
              toast(t('clients.form.trashed'));
              navigate({ page: 'clients' });
            }}
          >
            {t('clients.form.trash')}
          </button>
        </div>
      )}
    </article>
  );
}

/** Whose client this is and who changes it, named, as a manager reads a rep's client. */
function ViewOnlyLine({ access }: { access: Extract<ClientAccessOnDevice, { kind: 'view' }> }) {
  const { t } = useTranslation();
  const text =
    access.ownerName === null
      ? t('clients.card.viewOnlyUnknown')
      : access.ownerIsRep
        ? t('clients.card.viewOnlyRep', { name: access.ownerName })
        : t('clients.card.viewOnlyOwner', { name: access.ownerName });
  return <p className="view-only-line">{text}</p>;
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { effectiveCadenceDays, type Client } from '../../../shared/domain';
import { ClientForm } from './ClientForm';
import { mapsLink, OpenInMaps } from './OpenInMaps';

/** The client's own fields, read at a glance; one click opens them for editing. */
export function ClientDetails({ client }: { client: Client }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <section className="card-section">
        <ClientForm
          client={client}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      </section>
    );
  }
  const maps = mapsLink(client.address);
  const cadence = effectiveCadenceDays(client);
  return (
    <section className="card-section" aria-labelledby="details-heading">
      <div className="section-header">
        <h3 id="details-heading">{t('clients.card.details')}</h3>
        <button type="button" onClick={() => setEditing(true)}>
          {t('clients.card.editDetails')}
        </button>
      </div>
      <dl className="details">
        <dt>{t('clients.form.address')}</dt>
        <dd>
          {client.address || t('clients.card.none')} {maps && <OpenInMaps href={maps} />}
        </dd>
        <dt>{t('clients.form.tags')}</dt>
        <dd>{client.tags.length > 0 ? client.tags.join(', ') : t('clients.card.none')}</dd>
        <dt>{t('clients.card.cadence')}</dt>
        <dd>
          {client.cadenceDays === null
            ? t('clients.card.cadenceDefault', { count: cadence })
            : t('clients.card.cadenceOwn', { count: cadence })}
        </dd>
        {client.notes && (
          <>
            <dt>{t('clients.form.notes')}</dt>
            <dd className="client-notes">{client.notes}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

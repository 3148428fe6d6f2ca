import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { effectiveCadence, readCadenceDays, type Client } from '../../../shared/domain';
import { useRepository } from '../../data/DataContext';
import { useToasts } from '../../store/toasts';
import { useCadenceSettings } from '../settings';
import { cadenceText } from './cadenceText';
import { ClientForm } from './ClientForm';
import { mapsLink, OpenInMaps } from './OpenInMaps';

/**
 * The client's own fields, read at a glance; one click opens them for editing, unless the client
 * is shown read-only (a rep's client on a manager's device).
 */
export function ClientDetails({
  client,
  readOnly = false,
}: {
  client: Client;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const settings = useCadenceSettings();
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
  return (
    <section className="card-section" aria-labelledby="details-heading">
      <div className="section-header">
        <h3 id="details-heading">{t('clients.card.details')}</h3>
        {!readOnly && (
          <button type="button" onClick={() => setEditing(true)}>
            {t('clients.card.editDetails')}
          </button>
        )}
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
          <span className="cadence-now">
            {cadenceText(effectiveCadence(client, settings), client.status, t)}
          </span>
          {!readOnly && (
            <CadenceOverride key={`${client.id}:${client.cadenceDays}`} client={client} />
          )}
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

/** The client's own cadence, set or cleared in place; empty means the defaults from Settings. */
function CadenceOverride({ client }: { client: Client }) {
  const { t } = useTranslation();
  const repo = useRepository();
  const settings = useCadenceSettings();
  const toast = useToasts((s) => s.show);
  const id = useId();
  const [text, setText] = useState(client.cadenceDays?.toString() ?? '');
  const [failure, setFailure] = useState<string | null>(null);
  const read = readCadenceDays(text);
  const invalid = read === 'invalid';
  const fallback = effectiveCadence({ ...client, cadenceDays: null }, settings);

  const save = async (cadenceDays: number | null) => {
    setFailure(null);
    try {
      await repo.update('clients', client.id, { cadenceDays });
      toast(t('clients.card.cadenceSaved'));
    } catch (error) {
      setFailure(t('clients.errors.saveFailed', { reason: (error as Error).message }));
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (read !== 'invalid' && read !== client.cadenceDays) void save(read);
  };
  const messages = [`${id}-hint`, invalid ? `${id}-msg` : '', failure ? `${id}-fail` : '']
    .filter(Boolean)
    .join(' ');

  return (
    <form className="cadence-override" onSubmit={onSubmit} noValidate>
      <label htmlFor={`${id}-days`}>{t('clients.card.cadenceOverride')}</label>
      <input
        id={`${id}-days`}
        inputMode="numeric"
        size={5}
        value={text}
        placeholder={String(fallback.days)}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={messages}
      />
      <button type="submit" disabled={invalid || read === client.cadenceDays}>
        {t('clients.card.cadenceSave')}
      </button>
      {client.cadenceDays !== null && (
        <button type="button" onClick={() => void save(null)}>
          {t('clients.card.cadenceReset')}
        </button>
      )}
      <p id={`${id}-hint`} className="hint">
        {t('clients.card.cadenceOverrideHint', {
          cadence: cadenceText(fallback, client.status, t),
        })}
      </p>
      {invalid && (
        <p id={`${id}-msg`} className="error">
          {t('clients.errors.cadenceInvalid')}
        </p>
      )}
      {failure && (
        <p id={`${id}-fail`} className="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}

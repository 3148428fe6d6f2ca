import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CLIENT_STATUSES,
  effectiveCadence,
  type AddressForm,
  type Channel,
  type Client,
  type ClientStatus,
  type ContactPerson,
} from '../../../shared/domain';
import { emptyClientDraft, emptyPersonDraft, saveClient } from '../../data/clients';
import { useData } from '../../app/DataContext';
import { useToasts } from '../../store/toasts';
import { checkClientForm } from './validation';
import { mapsLink, OpenInMaps } from './OpenInMaps';
import { FormFooter } from '../../app/FormFooter';
import { useCadenceSettings } from '../settings/useCadenceSettings';
import { cadenceText } from './cadenceText';

interface Props {
  /** Absent for a new client; the form then also takes the first contact person. */
  client?: Client;
  person?: ContactPerson;
  onSaved: (clientId: string) => void;
  onCancel?: () => void;
}

function channel(person: ContactPerson | undefined, kind: Channel['kind']): string {
  return person?.channels.find((c) => c.kind === kind)?.value ?? '';
}

/** Replaces the first channel of a kind (or removes it when empty), keeping the others. */
function withChannel(channels: Channel[], kind: Channel['kind'], value: string): Channel[] {
  const rest = channels.filter(
    (c, i) => c.kind !== kind || i !== channels.findIndex((x) => x.kind === kind),
  );
  return value.trim() === '' ? rest : [{ kind, value: value.trim() }, ...rest];
}

function tagsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function ClientForm({ client, person, onSaved, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const { repo } = useData();
  const toast = useToasts((s) => s.show);
  const ids = useId();
  const cadenceSettings = useCadenceSettings();
  const [values, setValues] = useState(() => ({
    kind: client?.kind ?? 'company',
    name: client?.name ?? '',
    status: client?.status ?? ('prospect' as ClientStatus),
    tags: client?.tags.join(', ') ?? '',
    cadence: client?.cadenceDays?.toString() ?? '',
    address: client?.address ?? '',
    notes: client?.notes ?? '',
    personName: person?.name ?? '',
    personRole: person?.role ?? '',
    phone: channel(person, 'phone'),
    email: channel(person, 'email'),
    birthday: person?.birthday && !person.birthday.startsWith('--') ? person.birthday : '',
    addressForm: person?.addressForm ?? ('unknown' as AddressForm),
  }));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const issues = checkClientForm(values);
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(issues.errors).length > 0) return;
    setSaving(true);
    setFailure(null);
    try {
      const clientFields = {
        ...(client ?? emptyClientDraft()),
        kind: values.kind,
        name: values.name.trim(),
        status: values.status,
        tags: tagsOf(values.tags),
        cadenceDays: values.cadence.trim() === '' ? null : Number(values.cadence),
        address: values.address.trim(),
        notes: values.notes,
      };
      const base = person ?? emptyPersonDraft();
      const personFields =
        client || (values.personName.trim() === '' && !person)
          ? null
          : {
              ...base,
              name: values.personName.trim() || base.name,
              role: values.personRole.trim(),
              birthday:
                values.birthday || (person?.birthday?.startsWith('--') ? person.birthday : null),
              addressForm: values.addressForm,
              channels: withChannel(
                withChannel(base.channels, 'email', values.email),
                'phone',
                values.phone,
              ),
            };
      const saved = await saveClient(
        repo,
        { client: clientFields, person: personFields },
        { clientId: client?.id, personId: person?.id },
      );
      toast(t(client ? 'clients.form.updated' : 'clients.form.created'));
      setSubmitted(false);
      onSaved(saved.client.id);
    } catch (error) {
      setFailure(t('clients.errors.saveFailed', { reason: (error as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  const field = (key: string) => `${ids}-${key}`;
  const errorOf = (key: 'name' | 'cadence') =>
    submitted || values[key] !== '' ? issues.errors[key] : undefined;
  const describe = (key: string, has: unknown) => (has ? `${field(key)}-msg` : undefined);
  // What an empty field means for the client as it stands in the form (status and tags as typed).
  const cadenceDefault = effectiveCadence(
    { cadenceDays: null, status: values.status, tags: tagsOf(values.tags) },
    cadenceSettings,
  );
  const mapsHref = mapsLink(values.address);

  return (
    <form className="client-form" onSubmit={onSubmit} noValidate aria-labelledby={field('title')}>
      {client ? (
        <h3 id={field('title')}>{t('clients.card.details')}</h3>
      ) : (
        <h2 id={field('title')}>{t('clients.form.newTitle')}</h2>
      )}

      <fieldset className="inline-choice">
        <legend>{t('clients.kind.label')}</legend>
        {(['company', 'person'] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={field('kind')}
              value={kind}
              checked={values.kind === kind}
              onChange={set('kind')}
            />
            {t(`clients.kind.${kind}`)}
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor={field('name')}>{t('clients.form.name')}</label>
        <input
          id={field('name')}
          value={values.name}
          onChange={set('name')}
          autoFocus={!client}
          required
          aria-invalid={errorOf('name') ? true : undefined}
          aria-describedby={describe('name', errorOf('name'))}
        />
        {errorOf('name') && (
          <p id={`${field('name')}-msg`} className="error">
            {t(errorOf('name')!)}
          </p>
        )}
      </div>

      <div className="field-row">
        <div className="field">
          <label htmlFor={field('status')}>{t('clients.status.label')}</label>
          <select id={field('status')} value={values.status} onChange={set('status')}>
            {CLIENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`clients.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={field('cadence')}>{t('clients.form.cadence')}</label>
          <input
            id={field('cadence')}
            inputMode="numeric"
            value={values.cadence}
            placeholder={String(cadenceDefault.days)}
            onChange={set('cadence')}
            aria-invalid={errorOf('cadence') ? true : undefined}
            aria-describedby={`${field('cadence')}-hint ${describe('cadence', errorOf('cadence')) ?? ''}`.trim()}
          />
          <p id={`${field('cadence')}-hint`} className="hint">
            {t('clients.form.cadenceHint', {
              cadence: cadenceText(cadenceDefault, values.status, t),
            })}
          </p>
          {errorOf('cadence') && (
            <p id={`${field('cadence')}-msg`} className="error">
              {t(errorOf('cadence')!)}
            </p>
          )}
        </div>
      </div>

      <div className="field">
        <label htmlFor={field('tags')}>{t('clients.form.tags')}</label>
        <input
          id={field('tags')}
          value={values.tags}
          onChange={set('tags')}
          aria-describedby={`${field('tags')}-hint`}
        />
        <p id={`${field('tags')}-hint`} className="hint">
          {t('clients.form.tagsHint')}
        </p>
      </div>

      <div className="field">
        <label htmlFor={field('address')}>{t('clients.form.address')}</label>
        <input id={field('address')} value={values.address} onChange={set('address')} />
        {mapsHref && <OpenInMaps href={mapsHref} />}
      </div>

      {client && (
        <div className="field">
          <label htmlFor={field('notes')}>{t('clients.form.notes')}</label>
          <textarea id={field('notes')} rows={3} value={values.notes} onChange={set('notes')} />
        </div>
      )}

      {!client && (
        <fieldset>
          <legend>{t('clients.form.personSection')}</legend>
          <div className="field-row">
            <div className="field">
              <label htmlFor={field('personName')}>{t('clients.form.personName')}</label>
              <input
                id={field('personName')}
                value={values.personName}
                onChange={set('personName')}
              />
            </div>
            <div className="field">
              <label htmlFor={field('personRole')}>{t('clients.form.personRole')}</label>
              <input
                id={field('personRole')}
                value={values.personRole}
                onChange={set('personRole')}
              />
            </div>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor={field('phone')}>{t('clients.form.phone')}</label>
              <input
                id={field('phone')}
                type="tel"
                value={values.phone}
                onChange={set('phone')}
                aria-describedby={describe('phone', issues.warnings.phone)}
              />
              {issues.warnings.phone && (
                <p id={`${field('phone')}-msg`} className="warning">
                  {t(issues.warnings.phone)}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor={field('email')}>{t('clients.form.email')}</label>
              <input
                id={field('email')}
                type="email"
                value={values.email}
                onChange={set('email')}
                aria-describedby={describe('email', issues.warnings.email)}
              />
              {issues.warnings.email && (
                <p id={`${field('email')}-msg`} className="warning">
                  {t(issues.warnings.email)}
                </p>
              )}
            </div>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor={field('birthday')}>{t('clients.form.birthday')}</label>
              <input
                id={field('birthday')}
                type="date"
                // Chromium draws the field in the browser's own locale whatever lang says;
                // lang still tells assistive tech and a browser that honours it the rep's language.
                lang={i18n.language}
                value={values.birthday}
                onChange={set('birthday')}
              />
            </div>
            <div className="field">
              <label htmlFor={field('addressForm')}>{t('clients.form.addressForm')}</label>
              <select
                id={field('addressForm')}
                value={values.addressForm}
                onChange={set('addressForm')}
              >
                {(['unknown', 'formal', 'informal'] as const).map((f) => (
                  <option key={f} value={f}>
                    {t(`clients.addressForm.${f}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
      )}

      <FormFooter error={failure} saving={saving} onCancel={onCancel} />
    </form>
  );
}

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
import { emptyClientDraft, emptyPersonDraft, saveClient } from './data/clients';
import { useRepository } from '../../data/DataContext';
import { useToasts } from '../../store/toasts';
import { checkClientForm } from './validation';
import { mapsLink, OpenInMaps } from './OpenInMaps';
import { FormFooter } from '../../ui/FormFooter';
import { Field, maxLengthOf } from '../../ui/Field';
import { ClientSchema, ContactPersonSchema } from '../../../shared/domain';
import { AddressFormOptions } from './AddressFormOptions';
import { BirthdayField, birthdayOf, partsOf } from './BirthdayField';
import { useAction } from '../../ui/useAction';
import { useCadenceSettings } from '../settings';
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
  const { t } = useTranslation();
  const repo = useRepository();
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
    addressForm: person?.addressForm ?? ('unknown' as AddressForm),
  }));
  // Day and month, the year optional: a year-less birthday ('--MM-DD') is as good as any.
  const [birthday, setBirthday] = useState(partsOf(person?.birthday ?? null));
  const [submitted, setSubmitted] = useState(false);
  const save = useAction((e) => t('clients.errors.saveFailed', { reason: (e as Error).message }));
  const issues = checkClientForm(values);
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(issues.errors).length > 0) return;
    const born = birthdayOf(birthday);
    if (born === 'invalid') return save.fail(t('clients.errors.birthdayInvalid'));
    await save.run(async () => {
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
              birthday: born,
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
    });
  };

  const field = (key: string) => `${ids}-${key}`;
  const errorOf = (key: 'name' | 'cadence') =>
    submitted || values[key] !== '' ? issues.errors[key] : undefined;
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

      <Field
        id={field('name')}
        label={t('clients.form.name')}
        error={errorOf('name') && t(errorOf('name')!)}
        count={{ length: values.name.length, max: maxLengthOf(ClientSchema.shape.name) }}
      >
        {(control) => (
          <input
            {...control}
            value={values.name}
            onChange={set('name')}
            autoFocus={!client}
            required
          />
        )}
      </Field>

      <div className="field-row">
        <Field id={field('status')} label={t('clients.status.label')}>
          {(control) => (
            <select {...control} value={values.status} onChange={set('status')}>
              {CLIENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`clients.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={field('cadence')}
          label={t('clients.form.cadence')}
          hint={t('clients.form.cadenceHint', {
            cadence: cadenceText(cadenceDefault, values.status, t),
          })}
          error={errorOf('cadence') && t(errorOf('cadence')!)}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={values.cadence}
              placeholder={String(cadenceDefault.days)}
              onChange={set('cadence')}
            />
          )}
        </Field>
      </div>

      <Field id={field('tags')} label={t('clients.form.tags')} hint={t('clients.form.tagsHint')}>
        {(control) => <input {...control} value={values.tags} onChange={set('tags')} />}
      </Field>

      <Field
        id={field('address')}
        label={t('clients.form.address')}
        count={{ length: values.address.length, max: maxLengthOf(ClientSchema.shape.address) }}
      >
        {(control) => (
          <>
            <input {...control} value={values.address} onChange={set('address')} />
            {mapsHref && <OpenInMaps href={mapsHref} />}
          </>
        )}
      </Field>

      {client && (
        <Field
          id={field('notes')}
          label={t('clients.form.notes')}
          count={{ length: values.notes.length, max: maxLengthOf(ClientSchema.shape.notes) }}
        >
          {(control) => (
            <textarea {...control} rows={3} value={values.notes} onChange={set('notes')} />
          )}
        </Field>
      )}

      {!client && (
        <fieldset>
          <legend>{t('clients.form.personSection')}</legend>
          <div className="field-row">
            <Field
              id={field('personName')}
              label={t('clients.form.personName')}
              count={{
                length: values.personName.length,
                max: maxLengthOf(ContactPersonSchema.shape.name),
              }}
            >
              {(control) => (
                <input {...control} value={values.personName} onChange={set('personName')} />
              )}
            </Field>
            <Field
              id={field('personRole')}
              label={t('clients.form.personRole')}
              count={{
                length: values.personRole.length,
                max: maxLengthOf(ContactPersonSchema.shape.role),
              }}
            >
              {(control) => (
                <input {...control} value={values.personRole} onChange={set('personRole')} />
              )}
            </Field>
          </div>
          <div className="field-row">
            <Field
              id={field('phone')}
              label={t('clients.form.phone')}
              warning={issues.warnings.phone && t(issues.warnings.phone)}
            >
              {(control) => (
                <input {...control} type="tel" value={values.phone} onChange={set('phone')} />
              )}
            </Field>
            <Field
              id={field('email')}
              label={t('clients.form.email')}
              warning={issues.warnings.email && t(issues.warnings.email)}
            >
              {(control) => (
                <input {...control} type="email" value={values.email} onChange={set('email')} />
              )}
            </Field>
          </div>
          <div className="field-row">
            <BirthdayField
              legend={t('clients.form.birthday')}
              value={birthday}
              onChange={setBirthday}
            />
            <Field id={field('addressForm')} label={t('clients.form.addressForm')}>
              {(control) => (
                <select {...control} value={values.addressForm} onChange={set('addressForm')}>
                  <AddressFormOptions />
                </select>
              )}
            </Field>
          </div>
        </fieldset>
      )}

      <FormFooter error={save.error} saving={save.busy} onCancel={onCancel} />
    </form>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ContactPersonSchema,
  type AddressForm,
  type Channel,
  type ContactPerson,
} from '../../../shared/domain';
import { useRepository } from '../../data/DataContext';
import { emptyPersonDraft } from './data/clients';
import { useToasts } from '../../store/toasts';
import { BirthdayField, birthdayOf, partsOf, type BirthdayParts } from './BirthdayField';
import { channelWarning } from './validation';
import { FormFooter } from '../../ui/FormFooter';
import { Field, maxLengthOf } from '../../ui/Field';
import { AddressFormOptions } from './AddressFormOptions';
import { useAction } from '../../ui/useAction';

const CHANNEL_KINDS: Channel['kind'][] = [
  'phone',
  'email',
  'telegram',
  'whatsapp',
  'viber',
  'other',
];

interface ChildFormValues {
  key: number;
  name: string;
  birthday: BirthdayParts;
}

interface Props {
  clientId: string;
  person?: ContactPerson;
  onDone: () => void;
}

let nextKey = 1;

/** One contact person: role, birthday, children, how to address them, channels, interests. */
export function PersonForm({ clientId, person, onDone }: Props) {
  const { t } = useTranslation();
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const ids = useId();
  const base = person ?? { ...emptyPersonDraft(), clientId };
  const [name, setName] = useState(base.name);
  const [role, setRole] = useState(base.role);
  const [birthday, setBirthday] = useState(partsOf(base.birthday));
  const [addressForm, setAddressForm] = useState<AddressForm>(base.addressForm);
  const [channels, setChannels] = useState(() =>
    base.channels.map((c) => ({ ...c, key: nextKey++ })),
  );
  const [children, setChildren] = useState<ChildFormValues[]>(() =>
    base.children.map((c) => ({ key: nextKey++, name: c.name, birthday: partsOf(c.birthday) })),
  );
  const [interests, setInterests] = useState(base.interests);
  const [personalNotes, setPersonalNotes] = useState(base.personalNotes);
  const save = useAction((e) => t('clients.errors.saveFailed', { reason: (e as Error).message }));
  const field = (key: string) => `${ids}-${key}`;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const born = birthdayOf(birthday);
    const kids = children
      .filter((c) => c.name.trim() !== '' || birthdayOf(c.birthday) !== null)
      .map((c) => ({ name: c.name.trim(), birthday: birthdayOf(c.birthday) }));
    if (name.trim() === '') return save.fail(t('clients.errors.personNameRequired'));
    if (born === 'invalid' || kids.some((k) => k.birthday === 'invalid')) {
      return save.fail(t('clients.errors.birthdayInvalid'));
    }
    if (kids.some((k) => k.name === '')) return save.fail(t('clients.errors.childNameRequired'));
    await save.run(async () => {
      const fields = {
        clientId,
        name: name.trim(),
        role: role.trim(),
        birthday: born,
        children: kids as { name: string; birthday: string | null }[],
        addressForm,
        channels: channels
          .filter((c) => c.value.trim() !== '')
          .map((c) => ({ kind: c.kind, value: c.value.trim() })),
        interests,
        personalNotes,
        deletedAt: null,
      };
      if (person) await repo.update('people', person.id, fields);
      else await repo.create('people', fields);
      toast(t('clients.people.saved'));
      onDone();
    });
  };

  return (
    <form
      className="person-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={name || t('clients.people.new')}
    >
      <div className="field-row">
        <Field
          id={field('name')}
          label={t('clients.people.name')}
          count={{ length: name.length, max: maxLengthOf(ContactPersonSchema.shape.name) }}
        >
          {(control) => (
            <input {...control} value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field
          id={field('role')}
          label={t('clients.form.personRole')}
          count={{ length: role.length, max: maxLengthOf(ContactPersonSchema.shape.role) }}
        >
          {(control) => (
            <input {...control} value={role} onChange={(e) => setRole(e.target.value)} />
          )}
        </Field>
      </div>
      <div className="field-row">
        <BirthdayField
          legend={t('clients.form.birthday')}
          value={birthday}
          onChange={setBirthday}
        />
        <Field id={field('form')} label={t('clients.form.addressForm')}>
          {(control) => (
            <select
              {...control}
              value={addressForm}
              onChange={(e) => setAddressForm(e.target.value as AddressForm)}
            >
              <AddressFormOptions />
            </select>
          )}
        </Field>
      </div>

      <fieldset>
        <legend>{t('clients.people.channels')}</legend>
        {channels.map((c, i) => {
          const warning = channelWarning(c.kind, c.value);
          const label = t(`clients.channel.${c.kind}`);
          return (
            <div key={c.key} className="repeat-row">
              <select
                aria-label={t('clients.people.channelKind', { n: i + 1 })}
                value={c.kind}
                onChange={(e) =>
                  setChannels((list) =>
                    list.map((x) =>
                      x.key === c.key ? { ...x, kind: e.target.value as Channel['kind'] } : x,
                    ),
                  )
                }
              >
                {CHANNEL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`clients.channel.${k}`)}
                  </option>
                ))}
              </select>
              <input
                aria-label={label}
                value={c.value}
                onChange={(e) =>
                  setChannels((list) =>
                    list.map((x) => (x.key === c.key ? { ...x, value: e.target.value } : x)),
                  )
                }
              />
              <button
                type="button"
                className="link-button"
                onClick={() => setChannels((list) => list.filter((x) => x.key !== c.key))}
              >
                {t('clients.people.removeChannel', { what: label })}
              </button>
              {warning && <p className="warning">{t(warning)}</p>}
            </div>
          );
        })}
        <button
          type="button"
          onClick={() =>
            setChannels((list) => [...list, { kind: 'phone', value: '', key: nextKey++ }])
          }
        >
          {t('clients.people.addChannel')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('clients.people.children')}</legend>
        {children.map((c, i) => (
          <div key={c.key} className="child-row">
            <Field id={field(`child-${c.key}`)} label={t('clients.people.childName', { n: i + 1 })}>
              {(control) => (
                <input
                  {...control}
                  value={c.name}
                  onChange={(e) =>
                    setChildren((list) =>
                      list.map((x) => (x.key === c.key ? { ...x, name: e.target.value } : x)),
                    )
                  }
                />
              )}
            </Field>
            <BirthdayField
              legend={t('clients.people.childBirthday', { name: c.name || i + 1 })}
              value={c.birthday}
              onChange={(birthday) =>
                setChildren((list) => list.map((x) => (x.key === c.key ? { ...x, birthday } : x)))
              }
            />
            <button
              type="button"
              className="link-button"
              onClick={() => setChildren((list) => list.filter((x) => x.key !== c.key))}
            >
              {t('clients.people.removeChild', { name: c.name || i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            setChildren((list) => [...list, { key: nextKey++, name: '', birthday: partsOf(null) }])
          }
        >
          {t('clients.people.addChild')}
        </button>
      </fieldset>

      <Field
        id={field('interests')}
        label={t('clients.people.interests')}
        count={{ length: interests.length, max: maxLengthOf(ContactPersonSchema.shape.interests) }}
      >
        {(control) => (
          <input {...control} value={interests} onChange={(e) => setInterests(e.target.value)} />
        )}
      </Field>
      <Field
        id={field('notes')}
        label={t('clients.people.personalNotes')}
        count={{
          length: personalNotes.length,
          max: maxLengthOf(ContactPersonSchema.shape.personalNotes),
        }}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={personalNotes}
            onChange={(e) => setPersonalNotes(e.target.value)}
          />
        )}
      </Field>
      <FormFooter
        error={save.error}
        saving={save.busy}
        saveLabel={t('clients.people.save')}
        onCancel={onDone}
      />
    </form>
  );
}

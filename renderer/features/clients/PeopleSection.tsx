import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactPerson } from '../../../shared/domain';
import { useRepository } from '../../data/DataContext';
import { useToasts } from '../../store/toasts';
import { PersonForm } from './PersonForm';
import { formatDate } from '../../i18n/dates';

/** The people of a client, each opened for editing in place unless the card is read-only. */
export function PeopleSection({
  clientId,
  people,
  readOnly = false,
}: {
  clientId: string;
  people: ContactPerson[];
  readOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const lang = i18n.language;

  return (
    <section className="card-section" aria-labelledby="people-heading">
      <div className="section-header">
        <h3 id="people-heading">{t('clients.people.title')}</h3>
        {editing === null && !readOnly && (
          <button type="button" onClick={() => setEditing('new')}>
            {t('clients.people.add')}
          </button>
        )}
      </div>
      {people.length === 0 && editing !== 'new' && (
        <p className="muted">{t('clients.people.none')}</p>
      )}
      <ul className="people">
        {people.map((p) =>
          editing === p.id ? (
            <li key={p.id}>
              <PersonForm clientId={clientId} person={p} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={p.id} className="person">
              <div className="person-head">
                <strong>{p.name}</strong>
                {p.role && <span className="muted"> · {p.role}</span>}
                <span className="muted"> · {t(`clients.addressForm.${p.addressForm}`)}</span>
              </div>
              {p.birthday && (
                <div>
                  {t('clients.form.birthday')}: {formatDate(p.birthday, 'withMonth', lang)}
                </div>
              )}
              {p.children.length > 0 && (
                <div>
                  {t('clients.people.children')}:{' '}
                  {p.children
                    .map((c) =>
                      c.birthday
                        ? `${c.name} (${formatDate(c.birthday, 'withMonth', lang)})`
                        : c.name,
                    )
                    .join(', ')}
                </div>
              )}
              {p.channels.length > 0 && (
                <div className="channels">
                  {p.channels.map((c, i) => (
                    <span key={i}>
                      {t(`clients.channel.${c.kind}`)}: {c.value}
                    </span>
                  ))}
                </div>
              )}
              {p.interests && (
                <div>
                  {t('clients.people.interests')}: {p.interests}
                </div>
              )}
              {p.personalNotes && <p className="person-notes">{p.personalNotes}</p>}
              {!readOnly && (
                <div className="actions">
                  <button
                    type="button"
                    onClick={() => setEditing(p.id)}
                    aria-label={t('clients.people.editNamed', { name: p.name })}
                  >
                    {t('clients.people.edit')}
                  </button>
                  <button
                    type="button"
                    onClick={async () => {
                      await repo.trash('people', p.id);
                      toast(t('clients.people.trashed', { name: p.name }));
                    }}
                    aria-label={t('clients.people.trashNamed', { name: p.name })}
                  >
                    {t('clients.people.trash')}
                  </button>
                </div>
              )}
            </li>
          ),
        )}
      </ul>
      {editing === 'new' && <PersonForm clientId={clientId} onDone={() => setEditing(null)} />}
    </section>
  );
}

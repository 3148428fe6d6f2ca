/**
 * Starting a visit from the Visits page: find the client by name, choose the kind, start. A
 * post-sale visit is offered only for a client with a purchase (it checks that purchase's
 * promises); for one without, its tile stays visible, disabled, and says why.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRepository } from '../../data/DataContext';
import { ActionButton } from '../../ui/ActionButton';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { navigate } from '../../store/router';
import { NoTemplateError, startVisit, type VisitKind } from './data/visits';
import { useClient, useClientsNamed, useVisitStartOptions } from './data/useVisitReads';
import { useViewer } from '../clients';

const SHOWN = 8;

/** Case- and ё-insensitive, so «Семён» is found by «семен». */
function fold(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
}

export function NewVisitForm() {
  const { t } = useTranslation();
  const repo = useRepository();
  const ids = useId();
  const [query, setQuery] = useState('');
  const [clientId, setClientId] = useState<string | null>(null);
  // null: the kind the client is offered first (post-sale for a client who has bought).
  const [picked, setPicked] = useState<VisitKind | null>(null);
  const starting = useAction((e) =>
    e instanceof NoTemplateError
      ? t('visits.list.noTemplate')
      : t('visits.list.startFailed', { reason: (e as Error).message }),
  );

  // A manager's device holds the team's clients; visits are made to one's own (reps visit theirs).
  const viewer = useViewer();
  const matches = useClientsNamed(query, fold, SHOWN, viewer ?? null);
  const selected = useClient(clientId);
  const offered = useVisitStartOptions(clientId);
  const kind = picked && offered?.kinds.includes(picked) ? picked : offered?.kinds[0];

  const choose = (id: string) => {
    setClientId(id);
    setPicked(null);
  };

  const start = async () => {
    if (!clientId || !kind) return;
    await starting.run(async () => {
      const visitId = await startVisit(repo, { kind, clientId });
      navigate({ page: 'visits', visitId });
    });
  };

  return (
    <section className="new-visit" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('visits.list.newVisit')}</h2>
      <Field
        id={`${ids}-client`}
        label={t('visits.list.client')}
        hint={
          viewer?.role === 'manager'
            ? `${t('visits.list.clientHint')}. ${t('visits.list.managerHint')}`
            : t('visits.list.clientHint')
        }
      >
        {(control) => (
          <input
            {...control}
            type="search"
            value={query}
            autoComplete="off"
            onChange={(e) => {
              setQuery(e.target.value);
              setClientId(null);
            }}
          />
        )}
      </Field>
      {!clientId && matches && query.trim() !== '' && (
        <ul className="client-matches">
          {matches.length === 0 && <li className="muted">{t('visits.list.noMatch')}</li>}
          {matches.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => choose(c.id)}>
                {c.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {clientId && selected && offered && (
        <>
          <p className="chosen-client">
            <strong>{selected.name}</strong>
          </p>
          <fieldset>
            <legend>{t('visits.list.kindLabel')}</legend>
            {(['closing', 'post_sale'] as const).map((k) => {
              const allowed = offered.kinds.includes(k);
              return (
                <label key={k} className={allowed ? 'tile' : 'tile tile-disabled'}>
                  <input
                    type="radio"
                    name={`${ids}-kind`}
                    checked={kind === k}
                    disabled={!allowed}
                    onChange={() => setPicked(k)}
                  />
                  <span className="tile-text">
                    <span className="tile-label">{t(`visits.kind.${k}`)}</span>
                    <span className="tile-help">
                      {allowed ? t(`visits.list.kindHint.${k}`) : t('visits.list.needsPurchase')}
                    </span>
                  </span>
                </label>
              );
            })}
          </fieldset>
          <ActionButton
            action={starting}
            label={t('visits.list.start')}
            busyLabel={t('visits.list.starting')}
            onClick={start}
          />
        </>
      )}
    </section>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHURN_REASONS,
  isLive,
  retentionActionsFrom,
  type Client,
  type RetentionActionFormValues,
  type RetentionPlan,
} from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import { useRepository } from '../../data/DataContext';
import { saveRetention } from './data/retention';
import { useToasts } from '../../store/toasts';
import { FormFooter } from '../../ui/FormFooter';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/useAction';

type ChurnReason = (typeof CHURN_REASONS)[number];

interface Props {
  client: Client;
  plans: readonly RetentionPlan[];
}

/**
 * Why the client is leaving (docs/domain.md §5) and the plan to win them back: actions, each with a
 * responsible person and a due date. One form saves both, in one transaction.
 */
export function RetentionSection({ client, plans }: Props) {
  const { t } = useTranslation();
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const ids = useId();
  const plan = plans.filter(isLive).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const [reason, setReason] = useState<ChurnReason | ''>(client.churnReason ?? '');
  const [comment, setComment] = useState(client.churnComment);
  const [cause, setCause] = useState(plan?.cause ?? '');
  const [status, setStatus] = useState<RetentionPlan['status']>(plan?.status ?? 'active');
  const [actions, setActions] = useState<RetentionActionFormValues[]>(
    () => plan?.actions.map((a) => ({ ...a, due: a.due ?? '' })) ?? [],
  );
  const { busy, error, fail, run } = useAction((e) =>
    t('clients.errors.saveFailed', { reason: (e as Error).message }),
  );
  const field = (k: string) => `${ids}-${k}`;
  const change = (id: string, patch: Partial<RetentionActionFormValues>) =>
    setActions((list) => list.map((a) => (a.id === id ? { ...a, ...patch } : a)));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const kept = retentionActionsFrom(actions);
    if (!kept.ok) return fail(t('clients.errors.dateInvalid'));
    await run(async () => {
      await saveRetention(repo, client.id, plan, {
        churnReason: reason === '' ? null : reason,
        churnComment: comment,
        cause,
        status,
        actions: kept.actions,
      });
      toast(t('clients.retention.saved'));
    });
  };

  return (
    <section className="card-section retention" aria-labelledby={field('h')}>
      <h3 id={field('h')}>{t('clients.retention.title')}</h3>
      <form onSubmit={onSubmit} noValidate>
        <div className="field-row">
          <Field id={field('reason')} label={t('clients.retention.reason')}>
            {(control) => (
              <select
                {...control}
                value={reason}
                onChange={(e) => setReason(e.target.value as ChurnReason | '')}
              >
                <option value="">{t('clients.retention.reasonUnknown')}</option>
                {CHURN_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`clients.churn.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={field('comment')} label={t('clients.retention.comment')}>
            {(control) => (
              <input {...control} value={comment} onChange={(e) => setComment(e.target.value)} />
            )}
          </Field>
        </div>
        <Field id={field('cause')} label={t('clients.retention.cause')}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={cause}
              onChange={(e) => setCause(e.target.value)}
            />
          )}
        </Field>
        <fieldset>
          <legend>{t('clients.retention.actions')}</legend>
          {actions.map((a, i) => (
            <div key={a.id} className="repeat-row retention-action">
              <input
                aria-label={t('clients.retention.action', { n: i + 1 })}
                value={a.text}
                onChange={(e) => change(a.id, { text: e.target.value })}
              />
              <input
                aria-label={t('clients.retention.responsible', { n: i + 1 })}
                placeholder={t('clients.retention.responsiblePlaceholder')}
                value={a.responsible}
                onChange={(e) => change(a.id, { responsible: e.target.value })}
              />
              <input
                type="date"
                aria-label={t('clients.retention.due', { n: i + 1 })}
                value={a.due}
                onChange={(e) => change(a.id, { due: e.target.value })}
              />
              <label className="check">
                <input
                  type="checkbox"
                  checked={a.done}
                  onChange={(e) => change(a.id, { done: e.target.checked })}
                />
                {t('clients.retention.done')}
              </label>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              setActions((list) => [
                ...list,
                { id: uuidv7(), text: '', responsible: '', due: '', done: false },
              ])
            }
          >
            {t('clients.retention.addAction')}
          </button>
        </fieldset>
        <Field id={field('status')} label={t('clients.retention.status')}>
          {(control) => (
            <select
              {...control}
              value={status}
              onChange={(e) => setStatus(e.target.value as RetentionPlan['status'])}
            >
              {(['active', 'succeeded', 'failed'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`clients.retention.statuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormFooter error={error} saving={busy} saveLabel={t('clients.retention.save')} />
      </form>
    </section>
  );
}

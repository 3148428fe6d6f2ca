/**
 * The parts of a visit that become records when it is finished: problems found (owner, due date,
 * status), referrals (each a future prospect) and, for a win, what was sold. They are kept in the
 * run's answers until then (see data/visitExtras.ts) and autosave like any answer.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../shared/domain';
import { PROBLEM_STATUSES } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import {
  EXTRA_KEYS,
  parseAmount,
  readProblemDrafts,
  readReferralDrafts,
  readSaleDraft,
  writeExtra,
  type ProblemDraft,
  type ReferralDraft,
} from './data/visitExtras';

type Answers = Record<string, Answer>;

interface ExtrasProps {
  answers: Answers;
  onAnswers: (next: Answers) => void;
}

export function ProblemsEditor({ answers, onAnswers }: ExtrasProps) {
  const { t } = useTranslation();
  const ids = useId();
  const drafts = readProblemDrafts(answers);
  const save = (next: ProblemDraft[]) => onAnswers(writeExtra(answers, EXTRA_KEYS.problems, next));
  const change = (id: string, patch: Partial<ProblemDraft>) =>
    save(drafts.map((d) => (d.id === id ? { ...d, ...patch } : d)));
  const add = () =>
    save([
      ...drafts,
      {
        id: uuidv7(),
        description: '',
        owner: '',
        due: null,
        status: 'open',
        sellersFault: false,
      },
    ]);

  return (
    <section className="extras-list" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('visits.problems.title')}</h3>
      <p className="hint">{t('visits.problems.hint')}</p>
      {drafts.map((d, i) => {
        const id = `${ids}-${i}`;
        return (
          <fieldset key={d.id} className="extras-card">
            <legend>{t('visits.problems.item', { n: i + 1 })}</legend>
            <div className="field">
              <label htmlFor={`${id}-description`}>{t('visits.problems.description')}</label>
              <textarea
                id={`${id}-description`}
                rows={2}
                value={d.description}
                onChange={(e) => change(d.id, { description: e.target.value })}
              />
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${id}-owner`}>{t('visits.problems.owner')}</label>
                <input
                  id={`${id}-owner`}
                  value={d.owner}
                  onChange={(e) => change(d.id, { owner: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-due`}>{t('visits.problems.due')}</label>
                <input
                  id={`${id}-due`}
                  type="date"
                  value={d.due ?? ''}
                  onChange={(e) => change(d.id, { due: e.target.value || null })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-status`}>{t('visits.problems.status')}</label>
                <select
                  id={`${id}-status`}
                  value={d.status}
                  onChange={(e) =>
                    change(d.id, { status: e.target.value as ProblemDraft['status'] })
                  }
                >
                  {PROBLEM_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`visits.problemStatus.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <label className="inline-check">
              <input
                type="checkbox"
                checked={d.sellersFault}
                onChange={(e) => change(d.id, { sellersFault: e.target.checked })}
              />
              {t('visits.problems.sellersFault')}
            </label>
            <button
              type="button"
              className="link-button"
              onClick={() => save(drafts.filter((x) => x.id !== d.id))}
            >
              {t('visits.problems.remove')}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={add}>
        + {t('visits.problems.add')}
      </button>
    </section>
  );
}

export function ReferralsEditor({ answers, onAnswers }: ExtrasProps) {
  const { t } = useTranslation();
  const ids = useId();
  const drafts = readReferralDrafts(answers);
  const save = (next: ReferralDraft[]) =>
    onAnswers(writeExtra(answers, EXTRA_KEYS.referrals, next));
  const change = (id: string, patch: Partial<ReferralDraft>) =>
    save(drafts.map((d) => (d.id === id ? { ...d, ...patch } : d)));
  const add = () =>
    save([...drafts, { id: uuidv7(), name: '', contactPerson: '', phone: '', note: '' }]);

  const fields = ['name', 'contactPerson', 'phone', 'note'] as const;
  return (
    <section className="extras-list" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('visits.referrals.title')}</h3>
      <p className="hint">{t('visits.referrals.hint')}</p>
      {drafts.map((d, i) => (
        <fieldset key={d.id} className="extras-card">
          <legend>{t('visits.referrals.item', { n: i + 1 })}</legend>
          <div className="field-row field-row-wrap">
            {fields.map((field) => (
              <div className="field" key={field}>
                <label htmlFor={`${ids}-${i}-${field}`}>{t(`visits.referrals.${field}`)}</label>
                <input
                  id={`${ids}-${i}-${field}`}
                  type={field === 'phone' ? 'tel' : 'text'}
                  value={d[field]}
                  onChange={(e) => change(d.id, { [field]: e.target.value })}
                />
              </div>
            ))}
          </div>
          <button
            type="button"
            className="link-button"
            onClick={() => save(drafts.filter((x) => x.id !== d.id))}
          >
            {t('visits.referrals.remove')}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={add}>
        + {t('visits.referrals.add')}
      </button>
    </section>
  );
}

const CURRENCIES = ['RUB', 'EUR', 'USD', 'KZT', 'BYN'] as const;

export function SaleEditor({ answers, onAnswers }: ExtrasProps) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const sale = readSaleDraft(answers, i18n.language === 'ru' ? 'RUB' : 'EUR');
  const change = (patch: Partial<typeof sale>) =>
    onAnswers(writeExtra(answers, EXTRA_KEYS.sale, { ...sale, ...patch }));
  const amountInvalid = sale.amount.trim() !== '' && parseAmount(sale.amount) === null;
  return (
    <section className="extras-list" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('visits.sale.title')}</h3>
      <div className="field-row">
        <div className="field field-grow">
          <label htmlFor={`${ids}-item`}>{t('visits.sale.item')}</label>
          <input
            id={`${ids}-item`}
            value={sale.item}
            onChange={(e) => change({ item: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-amount`}>{t('visits.sale.amount')}</label>
          <input
            id={`${ids}-amount`}
            inputMode="decimal"
            value={sale.amount}
            aria-invalid={amountInvalid || undefined}
            aria-describedby={amountInvalid ? `${ids}-amount-error` : undefined}
            onChange={(e) => change({ amount: e.target.value })}
          />
          {amountInvalid && (
            <p className="error" id={`${ids}-amount-error`}>
              {t('visits.sale.amountInvalid')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-currency`}>{t('visits.sale.currency')}</label>
          <select
            id={`${ids}-currency`}
            value={sale.currency}
            onChange={(e) => change({ currency: e.target.value })}
          >
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
      </div>
    </section>
  );
}

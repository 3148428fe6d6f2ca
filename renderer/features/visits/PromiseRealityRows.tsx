/** Promise vs reality: one row per promised benefit, reality below / met / exceeded, and a comment. */
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../shared/domain';

export interface Benefit {
  id: string;
  text: string;
}

export interface PromiseRow {
  benefitId: string;
  reality: 'below' | 'met' | 'exceeded' | null;
  comment: string;
}

const REALITIES = ['below', 'met', 'exceeded'] as const;

function isRow(value: unknown): value is PromiseRow {
  return typeof value === 'object' && value !== null && 'benefitId' in value;
}

/** The stored rows lined up with the purchase's benefits: one per benefit, in the purchase's order. */
export function promiseRows(value: Answer | undefined, benefits: readonly Benefit[]): PromiseRow[] {
  const stored = Array.isArray(value) ? value.filter(isRow) : [];
  const byId = new Map(stored.map((r) => [r.benefitId, r]));
  return benefits.map((b) => byId.get(b.id) ?? { benefitId: b.id, reality: null, comment: '' });
}

export function PromiseRealityRows(props: {
  value: Answer | undefined;
  benefits: readonly Benefit[] | undefined;
  /** The visit checks no purchase (started for a client who has none): nothing to compare. */
  noPurchase?: boolean;
  name: string;
  onChange: (value: Answer) => void;
}) {
  const { t } = useTranslation();
  const stored = Array.isArray(props.value) ? props.value.filter(isRow) : [];
  // Without the purchase at hand (a template preview) the stored rows are shown as they are.
  const benefits = props.benefits ?? stored.map((r, i) => ({ id: r.benefitId, text: `#${i + 1}` }));
  if (benefits.length === 0)
    return (
      <p className="muted">
        {t(props.noPurchase ? 'visits.item.noPurchase' : 'visits.item.noBenefits')}
      </p>
    );
  const rows = promiseRows(props.value, benefits);
  const change = (index: number, patch: Partial<PromiseRow>) =>
    props.onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  return (
    <div className="promise-rows">
      {benefits.map((benefit, i) => {
        const row = rows[i]!;
        const commentId = `${props.name}-${i}-comment`;
        return (
          <fieldset key={benefit.id} className={`promise-row reality-${row.reality ?? 'none'}`}>
            <legend>{benefit.text}</legend>
            <div className="segmented">
              {REALITIES.map((reality) => (
                <label key={reality} className={`segment segment-${reality}`}>
                  <input
                    type="radio"
                    name={`${props.name}-${i}`}
                    checked={row.reality === reality}
                    onChange={() => change(i, { reality })}
                  />
                  <span>{t(`visits.item.reality.${reality}`)}</span>
                </label>
              ))}
            </div>
            <div className="field">
              <label htmlFor={commentId}>{t('visits.item.comment')}</label>
              <input
                id={commentId}
                type="text"
                value={row.comment}
                maxLength={500}
                onChange={(e) => change(i, { comment: e.target.value })}
              />
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}

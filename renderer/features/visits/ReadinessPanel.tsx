/**
 * The closing aids: the readiness indicator from the buyer signals seen, and the closing methods
 * that fit them, each with its one-line how-to, choosable in one click.
 */
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../shared/domain';
import {
  chosen,
  readiness,
  suggestMethods,
  type Answers,
} from '../../../shared/domain/checklistRun';
import {
  BUYER_SIGNALS_BY_KEY,
  CLOSING_ITEMS,
  CLOSING_METHODS,
} from '../../../shared/domain/templates';
import { useLocalized } from '../../i18n/localize';

const METHOD_BY_KEY = new Map(CLOSING_METHODS.map((m) => [m.key, m]));
const SHOWN_METHODS = 3;

export function ReadinessMeter({ answers }: { answers: Answers }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const r = readiness(answers);
  return (
    <section className={`readiness readiness-${r.level}`} aria-labelledby="readiness-title">
      <h3 id="readiness-title">{t('visits.readiness.title')}</h3>
      <div
        className="meter"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={r.score}
        aria-valuetext={`${t(`visits.readiness.level.${r.level}`)}, ${t('visits.readiness.score', { score: r.score })}`}
        aria-labelledby="readiness-title"
      >
        <div className="meter-fill" style={{ width: `${r.score}%` }} />
      </div>
      <p className="readiness-level">
        <strong>{t(`visits.readiness.level.${r.level}`)}</strong>{' '}
        <span className="muted">{t('visits.readiness.score', { score: r.score })}</span>
      </p>
      {r.drivers.length === 0 ? (
        <p className="hint">{t('visits.readiness.none')}</p>
      ) : (
        <>
          <p className="hint">{t('visits.readiness.because')}</p>
          <ul className="drivers">
            {r.drivers.slice(0, 4).map((d) => (
              <li key={d.signal}>{pick(BUYER_SIGNALS_BY_KEY.get(d.signal)?.label)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function MethodSuggestions({
  answers,
  onChoose,
}: {
  answers: Answers;
  onChoose: (key: string, value: Answer) => void;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const current = chosen(answers[CLOSING_ITEMS.method])[0];
  const suggestions = suggestMethods(answers).slice(0, SHOWN_METHODS);
  if (suggestions.length === 0) return null;
  return (
    <section className="suggestions" aria-labelledby="suggestions-title">
      <h3 id="suggestions-title">{t('visits.readiness.suggested')}</h3>
      <ol>
        {suggestions.map((s) => {
          const method = METHOD_BY_KEY.get(s.method);
          const isChosen = current === s.method;
          const reasons = s.reasons.map((r) =>
            r.kind === 'signal'
              ? pick(BUYER_SIGNALS_BY_KEY.get(r.signal)?.label)
              : t(`visits.readiness.readinessReason.${r.level}`),
          );
          return (
            <li key={s.method} className={isChosen ? 'suggestion chosen' : 'suggestion'}>
              <div className="suggestion-head">
                <strong>{pick(method?.label)}</strong>
                <button
                  type="button"
                  aria-pressed={isChosen}
                  aria-label={`${t('visits.readiness.choose')}: ${pick(method?.label)}`}
                  onClick={() => onChoose(CLOSING_ITEMS.method, s.method)}
                >
                  {isChosen ? `✓ ${t('visits.readiness.choose')}` : t('visits.readiness.choose')}
                </button>
              </div>
              <p>{pick(method?.howTo)}</p>
              <p className="hint">{[...new Set(reasons)].join(' · ')}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

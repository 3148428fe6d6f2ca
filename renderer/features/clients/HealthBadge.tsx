import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Day } from '../../../shared/domain/followups/days';
import type { ClientSummary } from './data/clientSummary';
import { describeSignal, healthOf } from './health';

interface Props {
  summary: ClientSummary;
  today: Day;
}

/**
 * The client's loyalty as lowered by risk signals, with the reasons on hover and on keyboard
 * focus (the badge is a button so it can take focus; the reasons are its description).
 */
export function HealthBadge({ summary, today }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const health = healthOf(summary, today);
  const level = t(`clients.health.level.${health.loyalty}`);
  return (
    <span className="health" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className={`health-badge health-${health.loyalty}${health.atRisk ? ' health-risk' : ''}`}
        aria-describedby={`${id}-reasons`}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      >
        {t('clients.health.badge', { level, score: health.score })}
      </button>
      <span id={`${id}-reasons`} role="tooltip" className="health-reasons" hidden={!open}>
        {health.signals.length === 0 ? (
          t('clients.health.noSignals')
        ) : (
          <>
            <span className="sr-only">{t('clients.health.reasons')}: </span>
            {health.signals.map((s, i) => (
              <span key={i} className={`signal signal-${s.severity}`}>
                {describeSignal(s, t, i18n.language)}
              </span>
            ))}
          </>
        )}
      </span>
    </span>
  );
}

/** A coloured dot in the list row; the words are on the card's badge (and in the row's title). */
export function HealthDot({ summary, today }: { summary: ClientSummary; today: Day }) {
  const { t } = useTranslation();
  const health = healthOf(summary, today);
  return (
    <span
      className={`health-dot health-${health.loyalty}${health.atRisk ? ' health-risk' : ''}`}
      title={t('clients.health.badge', {
        level: t(`clients.health.level.${health.loyalty}`),
        score: health.score,
      })}
      aria-hidden="true"
    />
  );
}

import { useRef, useState, useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SearchHit } from '../../../shared/search';
import type { Day } from '../../../shared/domain/followups/days';
import type { ClientSummary } from './data/clientSummary';
import { needsAttention } from './data/clientQueries';
import { Highlighted } from './Highlighted';
import { HealthDot } from './HealthBadge';
import { MatchContext } from './MatchContext';
import { formatDate } from '../../i18n/dates';
import { useClientAccess } from './data/clientAccess';

/** Every row has three lines (name, status and person, one more), so one fixed height fits all. */
const ROW_HEIGHT = 68;

interface Props {
  rows: ClientSummary[];
  hits: ReadonlyMap<string, SearchHit> | null;
  /** What the rep typed, normalised: the part of each word to mark. */
  terms: readonly string[];
  today: Day;
  selectedId: string | undefined;
  onOpen: (clientId: string) => void;
  /** Opens the client with the contact log form (a call comes in while the rep searches). */
  onLogContact?: (clientId: string) => void;
  emptyText: string;
}

function primaryPhone(s: ClientSummary): string {
  for (const p of s.people) {
    const phone = p.channels.find((c) => c.kind === 'phone');
    if (phone) return phone.value;
  }
  return '';
}

/** A virtualised listbox: only the visible rows are in the DOM, so 50k clients scroll smoothly. */
export function ClientList({
  rows,
  hits,
  terms,
  today,
  selectedId,
  onOpen,
  onLogContact,
  emptyText,
}: Props) {
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      rows.findIndex((r) => r.client.id === selectedId),
    ),
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 400, height: 800 },
  });

  useEffect(() => {
    if (active >= rows.length) setActive(Math.max(0, rows.length - 1));
  }, [rows.length, active]);
  // A rep's client on a manager's device is read-only: its contacts are the rep's to log.
  const activeAccess = useClientAccess(rows[active]?.client);

  const move = (index: number) => {
    const next = Math.min(Math.max(index, 0), rows.length - 1);
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 560) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => rows[active] && onOpen(rows[active].client.id),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  if (rows.length === 0) return <p className="muted empty">{emptyText}</p>;

  const optionId = (index: number) => `client-option-${index}`;
  const current = rows[active];
  return (
    <>
      <div
        ref={scrollRef}
        className="client-list"
        role="listbox"
        aria-label={t('clients.listLabel')}
        tabIndex={0}
        aria-activedescendant={rows[active] ? optionId(active) : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const hit = hits?.get(row.client.id);
            const phone = primaryPhone(row);
            const person = row.people[0];
            const flags = [
              needsAttention(row, 'birthdaySoon', today) && t('clients.flags.birthdaySoon'),
              needsAttention(row, 'followUpOverdue', today) && t('clients.flags.followUpOverdue'),
              row.openProblems > 0 && t('clients.flags.openProblem', { count: row.openProblems }),
              needsAttention(row, 'noContactBeyondCadence', today) && t('clients.flags.noContact'),
            ].filter(Boolean);
            return (
              <div
                key={row.client.id}
                id={optionId(item.index)}
                role="option"
                aria-selected={row.client.id === selectedId}
                className={`client-row${item.index === active ? ' active' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(item.index);
                  onOpen(row.client.id);
                }}
              >
                <span className="client-name">
                  <HealthDot summary={row} today={today} />
                  <Highlighted text={row.client.name} terms={hit ? terms : []} />
                </span>
                <span className="client-meta">
                  <span className={`status status-${row.client.status}`}>
                    {t(`clients.status.${row.client.status}`)}
                  </span>
                  {person ? person.name : t('clients.noPerson')}
                  {phone && ` · ${phone}`}
                </span>
                {hit && !hit.fields.includes('name') ? (
                  <MatchContext summary={row} hit={hit} terms={terms} />
                ) : flags.length > 0 ? (
                  <span className="client-flags">{flags.join(' · ')}</span>
                ) : (
                  <span className="client-last">
                    {row.lastContact
                      ? t('clients.flags.lastContact', {
                          day: formatDate(row.lastContact, 'withMonth', i18n.language),
                        })
                      : t('clients.flags.neverContacted')}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      {onLogContact && current && activeAccess?.kind === 'edit' && (
        // After the list in the tab order: the row the arrows are on gets its contact logged.
        <button
          type="button"
          className="list-log-contact"
          onClick={() => onLogContact(current.client.id)}
        >
          {t('clients.logContactFor', { name: current.client.name })}
        </button>
      )}
    </>
  );
}

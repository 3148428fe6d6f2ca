/** The agenda's queries for its screens: live reads, and the keeper started for the app's life. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import type { FollowUpKind } from '../../../../shared/domain';
import { useDatabase, useRepository } from '../../../data/DataContext';
import type { AgendaEntry, AgendaSections, SectionKey } from '../agendaGroups';
import { loadAgenda, loadAgendaGroup } from './loadAgenda';
import { dueCount } from './followUps';
import { keeperDay, onKeeperDay, startFollowUpKeeper } from './followUpKeeper';
import { localDay } from '../../../data/localTime';
import { notifyDueToday } from './dueTodayNotice';

/**
 * The rep's day as the follow-ups were last generated for it: a screen open over midnight (or
 * whose clock moved) turns to the new day with its follow-ups, even when no record changed.
 */
export function useToday(): string {
  return useSyncExternalStore(onKeeperDay, () => keeperDay() ?? localDay());
}

export function useAgenda(today: string, locale: string): AgendaSections | undefined {
  const db = useDatabase();
  return useLiveQuery(
    (): Promise<AgendaSections> => loadAgenda(db, today, locale),
    [db, today, locale],
  );
}

/** One group read longer than the first page; undefined while `limit` is null (not asked for). */
export function useAgendaGroup(
  section: SectionKey,
  kind: FollowUpKind,
  today: string,
  limit: number | null,
  locale: string,
): AgendaEntry[] | undefined {
  const db = useDatabase();
  return useLiveQuery(
    () => (limit === null ? undefined : loadAgendaGroup(db, section, kind, today, limit, locale)),
    [db, section, kind, today, limit, locale],
  );
}

/** Follow-ups due today and overdue, live. */
export function useDueCount(today: string): number | undefined {
  const db = useDatabase();
  return useLiveQuery(() => dueCount(db, today), [db, today]);
}

/** Keeps the follow-ups generated while mounted and sends the daily due-today notification. */
export function useFollowUpKeeper(t: TFunction, onNewDay: (day: string) => void): void {
  const db = useDatabase();
  const repo = useRepository();
  useEffect(
    () =>
      startFollowUpKeeper(db, repo, {
        onRegenerated: (day) => {
          onNewDay(day);
          void notifyDueToday(db, day, t).catch(() => undefined);
        },
        onError: (error) => console.error('Follow-up generation failed', error),
      }),
    [db, repo, t, onNewDay],
  );
}

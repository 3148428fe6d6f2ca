/**
 * Keeps the follow-ups in line with the book while the app runs: once at start, after any write to
 * the tables the rules read (debounced, so a burst of edits regenerates once), when the day
 * changes, and when a screen asks (requestFollowUpRefresh). Runs never overlap; a request during a
 * run schedules one more.
 */
import { liveQuery } from 'dexie';
import type { FieldbookDb } from '../../../data/db';
import type { Repository } from '../../../data/repository';
import { refreshFollowUps } from './followUps';
import { localDay } from '../../../data/localTime';
import { CADENCE_SETTINGS_KEY } from '../../settings';

const DEBOUNCE_MS = 800;
const DAY_CHECK_MS = 60_000;

const requests = new Set<() => void>();

/** The day the keeper last generated for, so screens turn to a new day with it. */
let keptDay: string | null = null;
const dayListeners = new Set<() => void>();

export function keeperDay(): string | null {
  return keptDay;
}

export function onKeeperDay(listener: () => void): () => void {
  dayListeners.add(listener);
  return () => dayListeners.delete(listener);
}

function announceDay(day: string): void {
  if (day === keptDay) return;
  keptDay = day;
  for (const listener of dayListeners) listener();
}

/** Asks the running keeper to regenerate soon (e.g. after logging a contact). */
export function requestFollowUpRefresh(): void {
  for (const request of requests) request();
}

export interface KeeperOptions {
  onRegenerated?: (today: string) => void;
  onError?: (error: unknown) => void;
  today?: () => string;
}

export function startFollowUpKeeper(
  db: FieldbookDb,
  repo: Repository,
  options: KeeperOptions = {},
): () => void {
  const today = options.today ?? localDay;
  let running = false;
  let again = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastDay = today();

  const run = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      lastDay = today();
      await refreshFollowUps(repo, lastDay);
      announceDay(lastDay);
      options.onRegenerated?.(lastDay);
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        void run();
      }
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  };

  // Reading a whole table's count observes every write to it. Visits are observed only once
  // finished: a draft's autosave (every pause in typing) must not regenerate the book.
  let first = true;
  const subscription = liveQuery(() =>
    Promise.all([
      db.clients.count(),
      db.people.count(),
      db.purchases.count(),
      db.visits.where('status').equals('finished').count(),
      db.notes.count(),
      db.contacts.count(),
      db.problems.count(),
      db.retentionPlans.count(),
      db.checklistTemplates.count(),
      // The rep's cadence defaults move "no contact" follow-ups (only this key, not all of meta).
      db.meta.get(CADENCE_SETTINGS_KEY),
    ]),
  ).subscribe({
    next: () => {
      if (first) {
        first = false;
        void run();
      } else schedule();
    },
    error: (error) => options.onError?.(error),
  });
  requests.add(schedule);
  const dayTimer = setInterval(() => {
    if (today() !== lastDay) void run();
  }, DAY_CHECK_MS);

  return () => {
    stopped = true;
    subscription.unsubscribe();
    requests.delete(schedule);
    clearInterval(dayTimer);
    if (timer) clearTimeout(timer);
  };
}

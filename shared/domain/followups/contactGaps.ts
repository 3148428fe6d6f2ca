import type { ContactLogEntry } from '../contact';
import { DEFAULT_CADENCE_SETTINGS, effectiveCadenceDays, type CadenceSettings } from '../cadence';
import type { Note, Visit } from '../visit';
import { addDays, dayOfTimestamp, dayOfValidTimestamp, type Day } from './days';
import { shortTitle, type RuleContext } from './types';
import { isLive } from '../common';

/** "No contact" follow-ups appear a week ahead, as the agenda looks a week ahead; earlier they would only churn. */
const NO_CONTACT_LEAD_DAYS = 7;

/** The day of each client's latest contact of any kind: a logged contact, a visit or a note. */
export function lastContactDays(
  contacts: readonly ContactLogEntry[],
  visits: readonly Visit[],
  notes: readonly Note[],
): Map<string, Day> {
  const last = new Map<string, Day>();
  // Plain loops, no per-record closure: with 100k notes this is the widest pass of generation.
  for (const c of contacts) if (isLive(c)) seeContact(last, c.clientId, c.at);
  for (const v of visits) if (isLive(v)) seeContact(last, v.clientId, v.startedAt);
  for (const n of notes) if (isLive(n)) seeContact(last, n.clientId, n.createdAt);
  return last;
}

function seeContact(last: Map<string, Day>, clientId: string, timestamp: string): void {
  const day = dayOfValidTimestamp(timestamp);
  if (day === null) return;
  const prev = last.get(clientId);
  // Day strings compare in calendar order, so no parsing is needed here.
  if (prev === undefined || day > prev) last.set(clientId, day);
}

/**
 * "No contact for N days", N the client's cadence under the rep's settings (cadence.ts; docs/domain.md
 * §5: no long gaps). A changed cadence moves an open follow-up's due day, same key. The key carries
 * the day of the last contact, so any new contact retires the old follow-up (removed while open)
 * and starts a new silence; one marked done stays done.
 */
export function noContactRule(
  last: ReadonlyMap<string, Day>,
  ctx: RuleContext,
  cadence: CadenceSettings = DEFAULT_CADENCE_SETTINGS,
): void {
  if (!ctx.program.rules.no_contact.enabled) return;
  const lead = addDays(ctx.today, Math.min(NO_CONTACT_LEAD_DAYS, ctx.program.horizon.aheadDays));
  for (const client of ctx.clients.values()) {
    const since = last.get(client.id) ?? dayOfTimestamp(client.createdAt);
    if (since === null) continue;
    const due = addDays(since, effectiveCadenceDays(client, cadence));
    const mode = due <= lead ? 'create' : 'track';
    if (mode === 'track' && !ctx.known(client.id)) continue;
    ctx.emit({
      ruleKey: `no_contact:${client.id}:${since}`,
      kind: 'no_contact',
      clientId: client.id,
      subjectId: null,
      title: shortTitle(client.name),
      due,
      mode,
    });
  }
}

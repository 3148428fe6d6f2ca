/** What the agenda's first screen reads: open and snoozed follow-ups up to a week ahead, grouped. */
import { addDays } from '../../../shared/domain/followups/days';
import type { FieldbookDb } from '../../data/db';
import { agendaFollowUps } from '../../data/followUps';
import { AGENDA_DAYS_AHEAD, groupAgenda, type AgendaSections } from './agendaGroups';

export async function loadAgenda(
  db: FieldbookDb,
  today: string,
  locale: string,
): Promise<AgendaSections> {
  const followUps = await agendaFollowUps(db, addDays(today, AGENDA_DAYS_AHEAD));
  const clients = await db.clients.bulkGet([...new Set(followUps.map((f) => f.clientId))]);
  const names = new Map(clients.filter((c) => c).map((c) => [c!.id, c!.name]));
  return groupAgenda(followUps, names, today, new Intl.Collator(locale));
}

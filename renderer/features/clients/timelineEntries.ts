/**
 * The client's history as one list: each record kind turned into a dated, labelled entry. What
 * happened (contacts, visits, notes, problems, follow-ups done) is the history, newest first; the
 * tasks still to do (open or held follow-ups) are not history and go to their own list, soonest
 * first, so a future task never sits above what happened.
 */
import type { FollowUp } from '../../../shared/domain';
import type { FullClientRecords } from './data/clientSummary';

export interface TimelineEntry {
  kind: 'contact' | 'visit' | 'note' | 'problem' | 'followUp';
  id: string;
  /** A timestamp, or a calendar day for follow-ups (sorted together as text: both start YYYY-MM-DD). */
  at: string;
  labelKey: string;
  /** Each value is itself an i18n key, translated before it is put in the label. */
  labelParams?: Record<string, string>;
  text: string;
  visitId?: string;
  /** A follow-up's own record: the screen words it by its kind (what it asks for). */
  followUp?: FollowUp;
}

export interface Timeline {
  /** What happened, newest first. */
  history: TimelineEntry[];
  /** Open and held follow-ups, the soonest (or most overdue) first. */
  upcoming: TimelineEntry[];
}

export function timelineOf(r: FullClientRecords): Timeline {
  const history: TimelineEntry[] = [];
  const upcoming: TimelineEntry[] = [];
  for (const c of r.contacts) {
    if (c.deletedAt !== null) continue;
    history.push({
      kind: 'contact',
      id: c.id,
      at: c.at,
      labelKey:
        c.subtype === 'none' ? 'clients.timeline.contact' : 'clients.timeline.contactWithSubtype',
      labelParams: {
        type: `clients.contactType.${c.type}`,
        channel: `clients.contactChannel.${c.channel}`,
        subtype: `clients.contactSubtype.${c.subtype}`,
      },
      text: c.summary,
    });
  }
  for (const v of r.visits) {
    if (v.deletedAt !== null) continue;
    history.push({
      kind: 'visit',
      id: v.id,
      at: v.startedAt,
      labelKey: `clients.timeline.visit.${v.kind}`,
      labelParams: { status: `clients.timeline.visitStatus.${v.status}` },
      text: v.notes,
      visitId: v.id,
    });
  }
  for (const n of r.notes) {
    if (n.deletedAt !== null) continue;
    history.push({
      kind: 'note',
      id: n.id,
      at: n.createdAt,
      labelKey: n.visitId ? 'clients.timeline.visitNote' : 'clients.timeline.note',
      text: n.text,
      ...(n.visitId ? { visitId: n.visitId } : {}),
    });
  }
  for (const p of r.problems) {
    if (p.deletedAt !== null) continue;
    history.push({
      kind: 'problem',
      id: p.id,
      at: p.createdAt,
      labelKey: 'clients.timeline.problem',
      labelParams: { status: `clients.problemStatus.${p.status}` },
      text: p.description,
    });
  }
  for (const f of r.followUps) {
    if (f.deletedAt !== null || f.status === 'dismissed') continue;
    const done = f.status === 'done';
    const entry: TimelineEntry = {
      kind: 'followUp',
      id: f.id,
      at: done
        ? (f.doneAt ?? f.due)
        : f.status === 'snoozed' && f.snoozedUntil
          ? f.snoozedUntil
          : f.due,
      // An open task needs no word for it; a held one says so.
      labelKey: done
        ? 'clients.timeline.followUpDone'
        : f.status === 'snoozed'
          ? 'clients.timeline.followUpHeld'
          : '',
      labelParams: { status: `clients.followUpStatus.${f.status}` },
      text: '',
      followUp: f,
    };
    (done ? history : upcoming).push(entry);
  }
  history.sort((a, b) => b.at.localeCompare(a.at));
  upcoming.sort((a, b) => a.at.localeCompare(b.at));
  return { history, upcoming };
}

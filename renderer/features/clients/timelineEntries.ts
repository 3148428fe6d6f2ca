/** The client's history as one list: each record kind turned into a dated, labelled entry. */
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
}

export function timelineOf(r: FullClientRecords): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const c of r.contacts) {
    if (c.deletedAt !== null) continue;
    entries.push({
      kind: 'contact',
      id: c.id,
      at: c.at,
      labelKey: 'clients.timeline.contact',
      labelParams: {
        type: `clients.contactType.${c.type}`,
        channel: `clients.contactChannel.${c.channel}`,
      },
      text: c.summary,
    });
  }
  for (const v of r.visits) {
    if (v.deletedAt !== null) continue;
    entries.push({
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
    entries.push({
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
    entries.push({
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
    entries.push({
      kind: 'followUp',
      id: f.id,
      at: f.status === 'snoozed' && f.snoozedUntil ? f.snoozedUntil : f.due,
      labelKey: 'clients.timeline.followUp',
      labelParams: { status: `clients.followUpStatus.${f.status}` },
      text: f.title,
    });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}

import type { FieldbookDb } from '../data/db';
import { META } from '../data/device';

/**
 * Renumbers the outbox rows from `fromSeq` on to follow one another without a hole, and sets the
 * device's sequence to the last of them, in one transaction with `meta`, so a write racing it
 * takes the next number. Only for rows the server has not looked at: it stops at a gap, and an
 * epoch repair restarts the device's sequence.
 */
export async function renumberOutbox(db: FieldbookDb, fromSeq: number): Promise<void> {
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    const rows = await db.outbox.where('seq').aboveOrEqual(fromSeq).toArray();
    if (rows.length === 0) return;
    if (rows.some((row, i) => row.seq !== fromSeq + i)) {
      await db.outbox.bulkDelete(rows.map((row) => row.seq));
      await db.outbox.bulkAdd(rows.map((row, i) => ({ ...row, seq: fromSeq + i })));
    }
    // Numbers taken by rows that are gone would leave a hole before the next write's.
    await db.meta.put({ key: META.seq, value: fromSeq + rows.length - 1 });
  });
}

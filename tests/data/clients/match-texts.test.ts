// The texts under a search hit (matchTexts.ts): a found client shows the text its word was found
// in. Over a demo book, every text the search index holds in a client's notes or items is among
// the texts read for the snippet (promised benefits, problems, people's and the client's own notes
// included), and no trashed record's text is.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLive } from '../../../shared/domain';
import { buildClientSearchDocument } from '../../../shared/search';
import type { FieldbookDb } from '../../../renderer/data/db';
import { storedTexts } from '../../../renderer/features/clients/data/matchTexts';
import { freshDb, loadDemo } from './book';

let db: FieldbookDb;
beforeEach(async () => {
  db = await freshDb();
  await loadDemo(db, 40, 200);
});
afterEach(async () => {
  await db.delete();
});

describe('the texts a search hit is shown in', () => {
  it('are every text the index found words in, and no trashed one', async () => {
    const byClient = async (
      table:
        'people' | 'purchases' | 'notes' | 'visits' | 'contacts' | 'problems' | 'retentionPlans',
      id: string,
    ) => (await db.table(table).where('clientId').equals(id).toArray()) as never[];
    let benefits = 0;
    for (const client of (await db.clients.toArray()).filter(isLive)) {
      const doc = buildClientSearchDocument({
        client,
        people: await byClient('people', client.id),
        purchases: await byClient('purchases', client.id),
        notes: await byClient('notes', client.id),
        visits: await byClient('visits', client.id),
        contacts: await byClient('contacts', client.id),
        problems: await byClient('problems', client.id),
        retentionPlans: await byClient('retentionPlans', client.id),
      });
      const notes = await storedTexts(db, client.id, 'notes');
      expect(notes).toEqual(doc.notes);
      expect(await storedTexts(db, client.id, 'items')).toEqual(doc.items);
      // The texts a narrower reading (notes, visits, contacts) left out are there.
      const purchases = (await db.purchases.where('clientId').equals(client.id).toArray()).filter(
        isLive,
      );
      for (const b of purchases.flatMap((p) => p.promisedBenefits)) {
        expect(notes).toContain(b.text);
        benefits++;
      }
      const trashed = (await db.notes.where('clientId').equals(client.id).toArray()).filter(
        (n) => !isLive(n),
      );
      for (const n of trashed) expect(notes).not.toContain(n.text);
    }
    expect(benefits).toBeGreaterThan(0);
  });
});

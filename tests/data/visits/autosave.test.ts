import { describe, it, expect } from 'vitest';
import {
  VisitJournal,
  type JournalStorage,
} from '../../../renderer/features/visits/data/visitJournal';
import { replayJournal, VisitSaver } from '../../../renderer/features/visits/data/visitSaver';
import { addClient, freshBook, visitWith } from './helpers';

function memoryStorage(): JournalStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

async function unfinishedVisit() {
  const book = await freshBook();
  const client = await addClient(book, 'Epsilon');
  const ids = await visitWith(book, 'closing', client.id, {});
  return { book, ids };
}

describe('visit autosave', () => {
  it('a burst of keystrokes becomes one write and one outbox row, holding the last text', async () => {
    const { book, ids } = await unfinishedVisit();
    const store = memoryStorage();
    const saver = new VisitSaver(book.repo, ids, new VisitJournal(ids.visitId, store));
    const before = await book.db.outbox.where('table').equals('visits').count();
    const text = 'Клиент спрашивает про доставку';
    for (let i = 1; i <= text.length; i++) saver.edit({ notes: text.slice(0, i) });
    await saver.flush();
    expect((await book.db.visits.get(ids.visitId))!.notes).toBe(text);
    expect(await book.db.outbox.where('table').equals('visits').count()).toBe(before + 1);
    expect(store.data.size).toBe(0);
  });

  it('every keystroke is journalled at once, before any database write', async () => {
    const { book, ids } = await unfinishedVisit();
    const store = memoryStorage();
    const saver = new VisitSaver(book.repo, ids, new VisitJournal(ids.visitId, store));
    saver.edit({ notes: 'Клиент прос' });
    saver.edit({ currentStep: 'method' });
    const entry = new VisitJournal(ids.visitId, store).read();
    expect(entry).toMatchObject({ notes: 'Клиент прос', currentStep: 'method' });
    expect((await book.db.visits.get(ids.visitId))!.notes).toBe('');
    await saver.flush();
  });

  it('a journal left by a page that died is replayed into the database and then cleared', async () => {
    const { book, ids } = await unfinishedVisit();
    const store = memoryStorage();
    // The page journalled these, then was killed before its debounced write.
    const dying = new VisitJournal(ids.visitId, store);
    dying.record({ notes: 'Хочет скидку на объё', currentStep: 'mistakes_guard' });
    dying.record({ answers: { outcome: 'won' } });

    await replayJournal(book.repo, ids, new VisitJournal(ids.visitId, store));
    const visit = (await book.db.visits.get(ids.visitId))!;
    expect([visit.notes, visit.currentStep]).toEqual(['Хочет скидку на объё', 'mistakes_guard']);
    expect((await book.db.checklistRuns.get(ids.runId))!.answers).toEqual({ outcome: 'won' });
    expect(store.data.size).toBe(0);
  });

  it('an edit made while a write is running is not lost when that write settles', async () => {
    const { book, ids } = await unfinishedVisit();
    const store = memoryStorage();
    const journal = new VisitJournal(ids.visitId, store);
    const saver = new VisitSaver(book.repo, ids, journal);
    saver.edit({ notes: 'one' });
    const first = saver.flush();
    saver.edit({ notes: 'one two' });
    await first;
    expect(journal.read()?.notes).toBe('one two');
    await saver.flush();
    expect((await book.db.visits.get(ids.visitId))!.notes).toBe('one two');
    expect(store.data.size).toBe(0);
  });
});

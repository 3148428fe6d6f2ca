/**
 * A sync transport that answers pulls with pages recorded from the server: the client's own work
 * without the server's, in Node and in the Chromium bench page alike. Each page is kept as the
 * JSON text the server sent and goes through the app's own transport (desktopTransport: JSON.parse,
 * then the answer's protocol check), so only the network and the server are left out. Kept as text,
 * a 50k-record book is a few flat strings, not a heap of objects the collector walks meanwhile.
 */
import { createDesktopSyncTransport } from '../../renderer/sync/desktopTransport';
import type { SignedIn, SyncTransport } from '../../renderer/sync/transport';
import type { PullRequest, PullResponse } from '../../shared/sync/protocol';

/** The recorded pages as sent on the wire. */
export function pageTexts(pages: readonly PullResponse[]): string[] {
  return pages.map((page) => JSON.stringify(page));
}

/**
 * Recorded pages grown to `total` records: each further copy of the book gets ids of its own (the
 * first hex digit of a uuidv7 of these years is 0, so 1…f cannot collide), references left as they
 * are (a pull does not follow them). Lets the client side be measured at 250k records without
 * pushing 250k records through the server first.
 */
export function grownPages(pages: readonly string[], total: number): string[] {
  const parsed = pages.map((text) => JSON.parse(text) as PullResponse);
  const records = parsed.flatMap((page) => page.records);
  const perPage = Math.max(...parsed.map((page) => page.records.length));
  const copies = Math.ceil(total / records.length);
  if (copies > 16) throw new Error(`at most 16 copies of the recorded ${records.length} records`);
  const all: PullResponse['records'] = [];
  for (let copy = 0; copy < copies; copy++) {
    const prefix = copy.toString(16);
    for (const r of records) {
      if (all.length === total) break;
      const id = copy === 0 ? r.id : prefix + r.id.slice(1);
      all.push({ ...r, id, version: all.length + 1, record: { ...r.record, id } });
    }
  }
  const out: string[] = [];
  for (let at = 0; at < all.length; at += perPage) {
    const more = at + perPage < all.length;
    out.push(
      JSON.stringify({
        ...parsed[0]!,
        records: all.slice(at, at + perPage),
        cursor: `replay-${at + perPage}`,
        hasMore: more,
      }),
    );
  }
  return out;
}

export function replayTransport(pages: readonly string[], signedIn: SignedIn): SyncTransport {
  const byCursor = new Map<string | null, string>();
  let before: string | null = null;
  for (const text of pages) {
    byCursor.set(before, text);
    before = (JSON.parse(text) as PullResponse).cursor;
  }
  const app = createDesktopSyncTransport({
    syncSignIn: async () => ({ status: 200, body: signedIn }),
    syncSignOut: async () => undefined,
    syncRequest: async (request) => {
      if (request.path !== '/v1/pull') throw new Error(`nothing but pulls in this bench`);
      const { cursor } = JSON.parse(request.body ?? '{}') as PullRequest;
      const text = byCursor.get(cursor);
      if (text === undefined) throw new Error(`no recorded page after ${cursor}`);
      return { status: 200, body: JSON.parse(text) as unknown };
    },
  });
  const { team: _noTeam, ...pulls } = app;
  return {
    ...pulls,
    signIn: async () => signedIn,
    push: async () => {
      throw new Error('nothing to push in this bench');
    },
  };
}

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

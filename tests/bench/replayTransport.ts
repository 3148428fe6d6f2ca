/**
 * A sync transport that answers pulls with pages recorded from the server: the client's own work
 * without the server's, in Node and in the Chromium bench page alike. Each answer is a copy, as a
 * response parsed from the wire would be (the engine may change what it is given).
 */
import type { SignedIn, SyncTransport } from '../../renderer/sync/transport';
import type { PullResponse } from '../../shared/sync/protocol';

export function replayTransport(pages: readonly PullResponse[], signedIn: SignedIn): SyncTransport {
  const byCursor = new Map<string | null, PullResponse>();
  pages.forEach((page, i) => byCursor.set(i === 0 ? null : pages[i - 1]!.cursor, page));
  return {
    signIn: async () => signedIn,
    signOut: async () => undefined,
    push: async () => {
      throw new Error('nothing to push in this bench');
    },
    pull: async (request) => {
      const page = byCursor.get(request.cursor);
      if (!page) throw new Error(`no recorded page after ${request.cursor}`);
      return structuredClone(page);
    },
  };
}

/**
 * The desktop's file dialogs, replaced: a test hands over the file a rep would pick (`files.next`)
 * and reads what the app saved (`files.saved`). In a test file:
 *
 *   vi.mock('../../../renderer/platform', async (importOriginal) =>
 *     (await import('./fileDialogs')).withFileDialogs(await importOriginal()),
 *   );
 *
 * (vi.mock runs before the file's imports, so the factory imports this module itself; it is the
 * same module instance the test imports `files` from.)
 */
import type { DesktopApi } from '../../../shared/ipc';
import type * as PlatformModule from '../../../renderer/platform';

export const files = {
  next: null as { name: string; bytes: Uint8Array } | null,
  saved: [] as { suggestedName: string; content: string }[],
};

/** No file to pick and nothing saved, as at the start of each test. */
export function resetFiles() {
  files.next = null;
  files.saved = [];
}

export function withFileDialogs(real: typeof PlatformModule): typeof PlatformModule {
  const fileDialogs: Pick<DesktopApi, 'openFile' | 'saveFile'> = {
    openFile: async () => files.next,
    saveFile: async (request) => {
      files.saved.push(request);
      return { saved: true };
    },
  };
  return {
    ...real,
    getDesktopApi: (): DesktopApi => ({ ...real.getDesktopApi(), ...fileDialogs }),
  };
}

/**
 * An origin private file system in memory, with the parts browser-durable.ts uses: folders,
 * files, and writables that replace the file only on close (as Chromium's do). `full` makes every
 * close refuse with QuotaExceededError, leaving the file as it was.
 */
export interface MemoryOpfs {
  root: () => Promise<FileSystemDirectoryHandle>;
  full: boolean;
  files: Map<string, string>;
}

export function memoryOpfs(): MemoryOpfs {
  const state: MemoryOpfs = { root: async () => dir(''), full: false, files: new Map() };
  const dirs = new Set<string>(['']);
  const file = (path: string, name: string) =>
    ({
      kind: 'file',
      name,
      async getFile() {
        const text = state.files.get(path) ?? '';
        return { size: new TextEncoder().encode(text).length, text: async () => text };
      },
      async createWritable(options?: { keepExistingData?: boolean }) {
        let draft = options?.keepExistingData ? (state.files.get(path) ?? '') : '';
        let at = new TextEncoder().encode(draft).length;
        return {
          async seek(position: number) {
            at = position;
          },
          async truncate(size: number) {
            draft = draft.slice(0, size);
            at = Math.min(at, size);
          },
          async write(text: string) {
            draft = draft.slice(0, at) + text;
            at += new TextEncoder().encode(text).length;
          },
          async close() {
            if (state.full) throw new DOMException('The disk is full', 'QuotaExceededError');
            state.files.set(path, draft);
          },
          async abort() {},
        };
      },
    }) as unknown as FileSystemFileHandle;
  const dir = (path: string): FileSystemDirectoryHandle =>
    ({
      kind: 'directory',
      name: path.split('/').pop() ?? '',
      async getDirectoryHandle(name: string, options?: { create?: boolean }) {
        const child = `${path}/${name}`;
        if (!dirs.has(child)) {
          if (!options?.create) throw new DOMException('missing', 'NotFoundError');
          dirs.add(child);
        }
        return dir(child);
      },
      async getFileHandle(name: string, options?: { create?: boolean }) {
        const child = `${path}/${name}`;
        if (!state.files.has(child)) {
          if (!options?.create) throw new DOMException('missing', 'NotFoundError');
          state.files.set(child, '');
        }
        return file(child, name);
      },
      async removeEntry(name: string) {
        state.files.delete(`${path}/${name}`);
      },
      async *values() {
        for (const key of state.files.keys()) {
          const rest = key.slice(path.length + 1);
          if (key.startsWith(`${path}/`) && !rest.includes('/')) yield file(key, rest);
        }
      },
    }) as unknown as FileSystemDirectoryHandle;
  return state;
}

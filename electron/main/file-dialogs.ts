import { promises as fsPromises } from 'node:fs';
import path from 'node:path';
import {
  DesktopError,
  type OpenedFile,
  type OpenFileRequest,
  type SaveFileRequest,
  type SaveFileResult,
} from '../../shared/ipc';
import { writeFileAtomic } from './atomic-write';

interface FileFilter {
  name: string;
  extensions: string[];
}

/** Electron's dialog module, already bound to the app window by the caller. */
export interface FileDialogs {
  showSaveDialog(options: {
    defaultPath: string;
    filters: FileFilter[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: {
    properties: ['openFile'];
    filters: FileFilter[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface FileDialogDeps {
  dialogs: FileDialogs;
  /** Where the save dialog starts (the Documents folder). */
  defaultDir: string;
  log?: (message: string, error?: unknown) => void;
}

function extensionOf(fileName: string): string {
  return path.extname(fileName).slice(1).toLowerCase();
}

/** The rep chooses where; the content is written atomically so a backup is never half a file. */
export async function saveFileWithDialog(
  request: SaveFileRequest,
  deps: FileDialogDeps,
): Promise<SaveFileResult> {
  const extension = extensionOf(request.suggestedName);
  const filters = extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [];
  const choice = await deps.dialogs.showSaveDialog({
    defaultPath: path.join(deps.defaultDir, request.suggestedName),
    filters,
  });
  if (choice.canceled || !choice.filePath) return { saved: false };
  try {
    await writeFileAtomic(choice.filePath, request.content);
  } catch (error) {
    deps.log?.('cannot save the file', error);
    throw new DesktopError('io_error', 'cannot write the chosen file');
  }
  return { saved: true, path: choice.filePath };
}

/**
 * Reads at most size + 1 bytes (size checked against maxBytes first), so a file that grows after
 * the check, or a device file that never ends, cannot make the main process read past the limit.
 */
export async function readFileLimited(filePath: string, maxBytes: number): Promise<Uint8Array> {
  let handle: fsPromises.FileHandle;
  try {
    handle = await fsPromises.open(filePath, 'r');
  } catch {
    throw new DesktopError('io_error', 'cannot open the chosen file');
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new DesktopError('file_type_not_allowed', 'not a regular file');
    if (info.size > maxBytes) throw new DesktopError('file_too_large', 'file exceeds the limit');
    // One byte more than expected tells us the file grew while we read it.
    const buffer = new Uint8Array(info.size + 1);
    let total = 0;
    while (total < buffer.length) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > maxBytes) throw new DesktopError('file_too_large', 'file exceeds the limit');
    if (total === buffer.length) throw new DesktopError('io_error', 'file changed while reading');
    return buffer.slice(0, total);
  } finally {
    await handle.close();
  }
}

/** Null when the rep cancels; the file's extension must be one the caller accepts. */
export async function openFileWithDialog(
  request: OpenFileRequest,
  deps: FileDialogDeps,
): Promise<OpenedFile | null> {
  const choice = await deps.dialogs.showOpenDialog({
    properties: ['openFile'],
    filters: [
      {
        name: request.accept.map((ext) => ext.toUpperCase()).join(', '),
        extensions: request.accept,
      },
    ],
  });
  const filePath = choice.filePaths[0];
  if (choice.canceled || filePath === undefined) return null;
  // Some file pickers let the rep type any name past the filter; check again here.
  if (!request.accept.includes(extensionOf(filePath))) {
    throw new DesktopError('file_type_not_allowed', 'file type is not accepted');
  }
  const bytes = await readFileLimited(filePath, request.maxBytes);
  return { name: path.basename(filePath), bytes };
}

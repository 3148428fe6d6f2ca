import {
  DesktopError,
  type OpenedFile,
  type OpenFileRequest,
  type SaveFileRequest,
} from '../../shared/ipc';

/** The browser's save: a download of a Blob. The browser decides where; we cannot learn the path. */
export function downloadTextFile(request: SaveFileRequest, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([request.content], { type: request.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = request.suggestedName;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute later is always safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Checks a picked file against the request and reads it whole; the size is checked first. */
export async function readPickedFile(file: File, request: OpenFileRequest): Promise<OpenedFile> {
  if (!request.accept.includes(extensionOf(file.name))) {
    throw new DesktopError('file_type_not_allowed', 'file type is not accepted');
  }
  if (file.size > request.maxBytes)
    throw new DesktopError('file_too_large', 'file exceeds the limit');
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > request.maxBytes) {
    throw new DesktopError('file_too_large', 'file exceeds the limit');
  }
  return { name: file.name, bytes };
}

/** A hidden <input type=file>; resolves with the chosen file, or null when the rep cancels. */
export function pickFile(request: OpenFileRequest, doc: Document = document): Promise<File | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = request.accept.map((extension) => `.${extension}`).join(',');
    input.hidden = true;
    const finish = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => finish(null), { once: true });
    doc.body.append(input);
    input.click();
  });
}

/**
 * A finished visit's report as a PDF: the app window printed with its print stylesheet (the same
 * one page the browser's print shows), saved atomically where the rep chooses.
 */
import path from 'node:path';
import { DesktopError, type PrintToPdfRequest, type SaveFileResult } from '../../shared/ipc';
import { writeFileAtomic } from './atomic-write';
import type { FileDialogs } from './file-dialogs';

/** The part of Electron's webContents this needs. */
interface PdfPrinter {
  printToPDF(options: {
    printBackground: boolean;
    pageSize: 'A4';
    preferCSSPageSize: boolean;
  }): Promise<Uint8Array>;
}

export interface PrintPdfDeps {
  /** The app window's contents; null while the window is closed. */
  getContents: () => PdfPrinter | null;
  dialogs: Pick<FileDialogs, 'showSaveDialog'>;
  defaultDir: string;
  log?: (message: string, error?: unknown) => void;
}

function asPdfName(name: string): string {
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}

export async function printToPdfWithDialog(
  request: PrintToPdfRequest,
  deps: PrintPdfDeps,
): Promise<SaveFileResult> {
  const contents = deps.getContents();
  if (!contents) throw new DesktopError('internal', 'no app window to print');
  // Printed before the dialog opens: the page under the dialog is what the rep asked to print.
  let pdf: Uint8Array;
  try {
    pdf = await contents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      preferCSSPageSize: true,
    });
  } catch (error) {
    deps.log?.('cannot print the page to PDF', error);
    throw new DesktopError('internal', 'printing to PDF failed');
  }
  const choice = await deps.dialogs.showSaveDialog({
    defaultPath: path.join(deps.defaultDir, asPdfName(request.suggestedName)),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return { saved: false };
  const target = asPdfName(choice.filePath);
  try {
    await writeFileAtomic(target, pdf);
  } catch (error) {
    deps.log?.('cannot save the PDF', error);
    throw new DesktopError('io_error', 'cannot write the chosen file');
  }
  return { saved: true, path: target };
}

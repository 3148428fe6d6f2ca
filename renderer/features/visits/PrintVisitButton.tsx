/**
 * The visit report: the browser prints the page with its print stylesheet (one page, the rep's
 * language); the desktop app prints the same page to a PDF the rep saves where they choose.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desktopErrorMessageKey, getDesktopApi } from '../../platform';
import { useToasts } from '../../store/toasts';

/** A name every file system takes: no folder signs, quotes or control characters, not too long. */
function reportFileName(label: string): string {
  const safe = [...label]
    .map((c) => ((c.codePointAt(0) ?? 0) < 0x20 || '/\\:*?"<>|'.includes(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 150);
  return `${safe || 'visit'}.pdf`;
}

export function PrintVisitButton({ clientName, day }: { clientName: string; day: string }) {
  const { t } = useTranslation();
  const toast = useToasts((s) => s.show);
  const [busy, setBusy] = useState(false);
  const api = getDesktopApi();
  const printToPdf = api.printToPdf;

  const onPrint = async () => {
    if (!printToPdf) {
      window.print();
      return;
    }
    setBusy(true);
    try {
      const name = reportFileName(t('visits.done.fileName', { client: clientName, day }));
      const result = await printToPdf({ suggestedName: name });
      if (result.saved) toast(t('visits.done.pdfSaved', { path: result.path ?? name }));
    } catch (error) {
      toast(t('visits.done.pdfFailed', { reason: t(desktopErrorMessageKey(error)) }), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <button type="button" className="primary" disabled={busy} onClick={() => void onPrint()}>
      {printToPdf ? t('visits.done.savePdf') : t('visits.done.print')}
    </button>
  );
}

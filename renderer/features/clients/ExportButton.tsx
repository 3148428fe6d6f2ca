import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientSummary } from './data/clientSummary';
import { channelValues, clientsToCsv, type ExportColumn } from './data/clientExport';
import { localToday } from './data/clientQueries';
import { getDesktopApi, isDesktopError } from '../../platform';
import { useToasts } from '../../store/toasts';
import { healthOf } from './health';

/** Saves the list as it is on screen (filters, search and order) as a CSV file. */
export function ExportButton({ rows }: { rows: readonly ClientSummary[] }) {
  const { t } = useTranslation();
  const toast = useToasts((s) => s.show);
  const [busy, setBusy] = useState(false);

  const onExport = async () => {
    const today = localToday();
    const columns: ExportColumn[] = [
      { header: t('clients.form.name'), value: (s) => s.client.name },
      { header: t('clients.kind.label'), value: (s) => t(`clients.kind.${s.client.kind}`) },
      { header: t('clients.status.label'), value: (s) => t(`clients.status.${s.client.status}`) },
      { header: t('clients.form.tags'), value: (s) => s.client.tags.join(', ') },
      { header: t('clients.form.address'), value: (s) => s.client.address },
      {
        header: t('clients.form.personName'),
        value: (s) => s.people.map((p) => p.name).join(', '),
      },
      { header: t('clients.form.phone'), value: (s) => channelValues(s, 'phone') },
      { header: t('clients.form.email'), value: (s) => channelValues(s, 'email') },
      { header: t('clients.card.lastContact'), value: (s) => s.lastContact ?? '' },
      { header: t('clients.card.nextFollowUp'), value: (s) => s.nextFollowUp ?? '' },
      {
        header: t('clients.health.title'),
        value: (s) => t(`clients.health.level.${healthOf(s, today).loyalty}`),
      },
    ];
    setBusy(true);
    try {
      const result = await getDesktopApi().saveFile({
        suggestedName: t('clients.export.fileName', { day: today }),
        content: clientsToCsv(rows, columns),
        mimeType: 'text/csv;charset=utf-8',
      });
      if (result.saved) toast(t('clients.export.done', { count: rows.length }));
    } catch (error) {
      toast(
        isDesktopError(error) && error.code === 'file_too_large'
          ? t('clients.export.tooLarge')
          : t('clients.export.failed'),
        'error',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      className="link-button"
      onClick={onExport}
      disabled={busy || rows.length === 0}
    >
      {t('clients.export.button')}
    </button>
  );
}

/**
 * Start (or resume) a visit from a client: the client card mounts this with the client's id.
 * A prospect is offered the closing checklist first; a client with a purchase the post-sale visit.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRepository } from '../../data/DataContext';
import { navigate } from '../../store/router';
import { NoTemplateError, startVisit, type VisitKind } from './data/visits';
import { useVisitStartOptions } from './data/useVisitReads';
import { useToasts } from '../../store/toasts';

export function StartVisitButtons({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const [busy, setBusy] = useState(false);
  const info = useVisitStartOptions(clientId);
  if (!info) return null;

  const start = async (kind: VisitKind) => {
    setBusy(true);
    try {
      const visitId = await startVisit(repo, { kind, clientId });
      navigate({ page: 'visits', visitId });
    } catch (e) {
      toast(
        e instanceof NoTemplateError
          ? t('visits.list.noTemplate')
          : t('visits.list.startFailed', { reason: (e as Error).message }),
        'error',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="actions start-visit">
      {info.kinds.map((kind, i) => (
        <button
          key={kind}
          type="button"
          className={i === 0 ? 'primary' : undefined}
          disabled={busy}
          onClick={() => void start(kind)}
        >
          {info.unfinished.has(kind)
            ? `${t('visits.start.resume')}: ${t(`visits.kind.${kind}`)}`
            : t(`visits.start.${kind}`)}
        </button>
      ))}
    </div>
  );
}

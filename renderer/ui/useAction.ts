import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { explained } from './storageError';

/**
 * A save (or a start, a finish) that the rep waits for: `busy` while it runs, so the button can
 * say so and not be pressed twice, and what went wrong with the last try, in the rep's words.
 * The failure reaches `describeFailure` already explained (ui/storageError.ts): its message is a
 * sentence for the rep (a full disk, a refused write, a value too long), never a raw exception.
 */
export function useAction(describeFailure: (error: unknown) => string) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(describeFailure(explained(e, t)));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fail: setError, run };
}

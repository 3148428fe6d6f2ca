import { useState } from 'react';

/**
 * A save (or a start, a finish) that the rep waits for: `busy` while it runs, so the button can
 * say so and not be pressed twice, and what went wrong with the last try, in the rep's words.
 */
export function useAction(describeFailure: (error: unknown) => string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(describeFailure(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fail: setError, run };
}

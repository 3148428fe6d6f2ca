/**
 * Gives the main thread back between slices of sync work, so typing and scrolling never wait
 * behind a pull: scheduler.yield where the browser has it, a macrotask otherwise.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Main-thread time one slice may take: well under the 50 ms of a long task even on a slow laptop,
 * and long enough that a fast one yields rarely (each yield costs a macrotask turn).
 */
const SLICE_BUDGET_MS = 10;
/** Items done between two looks at the clock. */
const CLOCK_EVERY = 16;

export interface SliceOptions {
  pause?: () => Promise<void>;
  budgetMs?: number;
  now?: () => number;
}

/** Runs `work` over `items`, yielding whenever a slice has used its time budget. */
export async function inSlices<T>(
  items: readonly T[],
  work: (item: T) => void,
  {
    pause = yieldToMain,
    budgetMs = SLICE_BUDGET_MS,
    now = () => performance.now(),
  }: SliceOptions = {},
): Promise<void> {
  let sliceStart = now();
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % CLOCK_EVERY === 0 && now() - sliceStart >= budgetMs) {
      await pause();
      sliceStart = now();
    }
    work(items[i]!);
  }
}

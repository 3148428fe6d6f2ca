/**
 * Gives the main thread back between slices of sync work, so typing and scrolling never wait
 * behind a pull: scheduler.yield where the browser has it, a macrotask otherwise.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs `work` over `items` in slices of `size`, yielding between slices. */
export async function inSlices<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => void,
  pause: () => Promise<void> = yieldToMain,
): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await pause();
    const end = Math.min(items.length, start + size);
    for (let i = start; i < end; i++) work(items[i]!);
  }
}

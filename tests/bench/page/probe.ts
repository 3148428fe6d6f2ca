/**
 * Watches the main thread of a bench page: long tasks (PerformanceObserver 'longtask', each over
 * 50 ms) and the longest gap between two animation frames, from `start()` to `stop()`.
 */
export function mainThreadProbe() {
  const tasks: { start: number; duration: number }[] = [];
  let gap = 0;
  let last = 0;
  let frame = 0;
  const observer =
    typeof PerformanceObserver !== 'undefined' &&
    PerformanceObserver.supportedEntryTypes?.includes('longtask')
      ? new PerformanceObserver((list) => {
          for (const e of list.getEntries())
            tasks.push({ start: e.startTime, duration: e.duration });
        })
      : null;
  const tick = (now: number) => {
    if (last > 0) gap = Math.max(gap, now - last);
    last = now;
    frame = requestAnimationFrame(tick);
  };
  return {
    start() {
      observer?.observe({ type: 'longtask', buffered: false });
      frame = requestAnimationFrame(tick);
    },
    /** Waits one more frame so a long task at the very end is counted too. */
    async stop() {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      cancelAnimationFrame(frame);
      if (observer) {
        for (const e of observer.takeRecords())
          tasks.push({ start: e.startTime, duration: e.duration });
        observer.disconnect();
      }
      return { tasks, longestFrameGapMs: gap };
    },
  };
}

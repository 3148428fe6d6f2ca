/**
 * One request to a fresh worker, and its one answer: the worker is ended once it answers or fails
 * (an error event, or a worker that cannot start). The caller makes the worker, so the bundler
 * sees each worker's own `new Worker(new URL(…, import.meta.url))`.
 */
export function askWorker<Answer>(
  worker: Worker,
  request: unknown,
  transfer: Transferable[] = [],
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Answer>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the worker failed'));
    };
    worker.postMessage(request, transfer);
  });
}

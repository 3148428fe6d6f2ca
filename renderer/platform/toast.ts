/**
 * In-app notices for when the system cannot show a notification (a browser without permission,
 * an OS without a notification service). The UI subscribes with onToast and renders them.
 */
export interface Toast {
  id: number;
  title: string;
  body: string;
}

export type ToastListener = (toast: Toast) => void;

const listeners = new Set<ToastListener>();
// Toasts raised before the UI subscribed wait here (a few only), so none is lost at start-up.
const pending: Toast[] = [];
const MAX_PENDING = 20;
let nextId = 1;

export function onToast(listener: ToastListener): () => void {
  listeners.add(listener);
  for (const toast of pending.splice(0)) listener(toast);
  return () => {
    listeners.delete(listener);
  };
}

export function emitToast(message: { title: string; body: string }): Toast {
  const toast: Toast = { id: nextId++, title: message.title, body: message.body };
  if (listeners.size === 0) {
    pending.push(toast);
    if (pending.length > MAX_PENDING) pending.shift();
  }
  for (const listener of listeners) listener(toast);
  return toast;
}

/** Short messages for the rep ("Saved", "Moved to the trash"); shown by ui/Toasts.tsx. */
import { create } from 'zustand';

interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

interface ToastState {
  toasts: Toast[];
  show: (text: string, tone?: Toast['tone']) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;
/** At most this many on screen; an older one gives way to a new one. */
const MAX_VISIBLE_TOASTS = 3;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (text, tone = 'info') => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(1 - MAX_VISIBLE_TOASTS), { id, text, tone }] });
    setTimeout(() => get().dismiss(id), tone === 'error' ? 10_000 : 4_000);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

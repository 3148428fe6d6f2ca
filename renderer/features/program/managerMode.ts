/** Whether this device is used by a manager who edits the program (a UI preference, not data). */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface ManagerModeState {
  on: boolean;
  set: (on: boolean) => void;
}

export const useManagerMode = create<ManagerModeState>()(
  persist((set) => ({ on: false, set: (on) => set({ on }) }), {
    name: 'fieldbook.managerMode',
    version: 1,
  }),
);

/**
 * How the rep last looked at the client list: sort and filters. UI state only (never a copy of the
 * database), kept across restarts in localStorage so the list opens the way the rep left it.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { ClientStatus } from '../../shared/domain';

export const CLIENT_SORTS = ['name', 'lastContact', 'nextFollowUp', 'health'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

/** Yes/no filters; each narrows the list to clients that need that kind of attention. */
export const ATTENTION_FILTERS = [
  'noContactBeyondCadence',
  'followUpOverdue',
  'birthdaySoon',
  'openProblem',
] as const;
export type AttentionFilter = (typeof ATTENTION_FILTERS)[number];

export interface ClientListFilters {
  statuses: ClientStatus[];
  tags: string[];
  /** Owner ids (the rep's own id, or team mates' after sync); empty means everyone. */
  owners: string[];
  attention: AttentionFilter[];
}

export const NO_FILTERS: ClientListFilters = { statuses: [], tags: [], owners: [], attention: [] };

interface ClientListState {
  sort: ClientSort;
  filters: ClientListFilters;
  setSort: (sort: ClientSort) => void;
  toggleStatus: (status: ClientStatus) => void;
  toggleTag: (tag: string) => void;
  toggleOwner: (owner: string) => void;
  toggleAttention: (filter: AttentionFilter) => void;
  clearFilters: () => void;
}

function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export const useClientList = create<ClientListState>()(
  persist(
    (set) => ({
      sort: 'name',
      filters: NO_FILTERS,
      setSort: (sort) => set({ sort }),
      toggleStatus: (status) =>
        set((s) => ({ filters: { ...s.filters, statuses: toggled(s.filters.statuses, status) } })),
      toggleTag: (tag) =>
        set((s) => ({ filters: { ...s.filters, tags: toggled(s.filters.tags, tag) } })),
      toggleOwner: (owner) =>
        set((s) => ({ filters: { ...s.filters, owners: toggled(s.filters.owners, owner) } })),
      toggleAttention: (filter) =>
        set((s) => ({
          filters: { ...s.filters, attention: toggled(s.filters.attention, filter) },
        })),
      clearFilters: () => set({ filters: NO_FILTERS }),
    }),
    {
      name: 'fieldbook.clientList',
      version: 1,
      // Only the choices persist; a stored value from an older shape falls back to defaults.
      partialize: (s) => ({ sort: s.sort, filters: s.filters }),
      merge: (stored, current) => {
        const s = (stored ?? {}) as Partial<ClientListState>;
        return {
          ...current,
          sort: CLIENT_SORTS.includes(s.sort as ClientSort) ? (s.sort as ClientSort) : 'name',
          filters: { ...NO_FILTERS, ...(s.filters ?? {}) },
        };
      },
    },
  ),
);

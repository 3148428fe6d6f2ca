import { createContext, useContext, type ReactNode } from 'react';
import type { FieldbookDb } from '../data/db';
import type { Repository } from '../data/repository';

interface Data {
  db: FieldbookDb;
  repo: Repository;
}

const DataContext = createContext<Data | null>(null);

export function DataProvider({ db, repo, children }: Data & { children: ReactNode }) {
  return <DataContext.Provider value={{ db, repo }}>{children}</DataContext.Provider>;
}

/** The open database and its repository: screens read with useLiveQuery and write through repo. */
export function useData(): Data {
  const data = useContext(DataContext);
  if (!data) throw new Error('useData outside DataProvider');
  return data;
}

/**
 * The open database for the screens' data modules. The database itself is handed only to the
 * feature data modules (features/<name>/data/, enforced by lint); screens call those modules'
 * named queries and commands, and reach the repository for nothing but their commands.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { FieldbookDb } from './db';
import type { Repository } from './repository';

interface Data {
  db: FieldbookDb;
  repo: Repository;
}

const DataContext = createContext<Data | null>(null);

export function DataProvider({ db, repo, children }: Data & { children: ReactNode }) {
  return <DataContext.Provider value={{ db, repo }}>{children}</DataContext.Provider>;
}

function useData(): Data {
  const data = useContext(DataContext);
  if (!data) throw new Error('useData outside DataProvider');
  return data;
}

/** The Dexie database: for feature data modules only (features/<name>/data/). */
export function useDatabase(): FieldbookDb {
  return useData().db;
}

/** The repository, the only writer: the argument of a feature's commands. */
export function useRepository(): Repository {
  return useData().repo;
}

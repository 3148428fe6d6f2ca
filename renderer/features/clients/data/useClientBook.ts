import { useSyncExternalStore } from 'react';
import { useDatabase } from '../../../data/DataContext';
import { getClientBook, type ClientBook } from './clientBook';

/** The client book's read model; components re-render whenever it changes. */
export function useClientBook(): { book: ClientBook; version: number } {
  const db = useDatabase();
  const book = getClientBook(db);
  const version = useSyncExternalStore(book.subscribe, book.getVersion);
  return { book, version };
}

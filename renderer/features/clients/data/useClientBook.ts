import { useSyncExternalStore } from 'react';
import { useData } from '../../app/DataContext';
import { getClientBook, type ClientBook } from './data/clientBook';

/** The client book's read model; components re-render whenever it changes. */
export function useClientBook(): { book: ClientBook; version: number } {
  const { db } = useData();
  const book = getClientBook(db);
  const version = useSyncExternalStore(book.subscribe, book.getVersion);
  return { book, version };
}

/** What other features use of the client book: its live read model, and marking it replaced. */
export { useClientBook } from './data/useClientBook';
export { markBookReplaced } from './data/searchIndexCache';
export {
  useClientAccess,
  useClientAccessRule,
  useViewer,
  type ClientAccessOnDevice,
  type ClientAccessRule,
} from './data/clientAccess';

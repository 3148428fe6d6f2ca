// A real IndexedDB implementation in memory for data and component tests.
import 'fake-indexeddb/auto';

/** Deterministic demo data for e2e tests, benchmarks and the "Load demo data" action. */
export {
  generateDemoBook,
  collectDemoBook,
  DEMO_TABLE_ORDER,
  DEMO_TEMPLATES,
  DEMO_BOOK_SIZES,
  type DemoBookSize,
  type DemoBookOptions,
  type DemoBatch,
  type DemoBook,
} from './book';
export { DemoRandom, hashSeed } from './random';
export { demoUuid, DemoCalendar } from './calendar';

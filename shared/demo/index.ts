/** Deterministic demo data for e2e tests, benchmarks and the "Load demo data" action. */
export {
  generateDemoBook,
  collectDemoBook,
  DEMO_TABLE_ORDER,
  DEMO_BOOK_SIZES,
  type DemoBookOptions,
  type DemoBook,
} from './book';
export { DemoRandom } from './random';
export { demoUuid, DemoCalendar } from './calendar';

/** What the bench page exposes as `window.fieldbookBench`, shared by the page and its driver. */
import type { DemoBookOptions } from '../../../shared/demo';

export interface GenerateResult {
  records: number;
  ms: number;
}

export interface InsertResult {
  records: number;
  ms: number;
  perTable: Record<string, number>;
}

export interface FirstScreenResult {
  /** From creating the Dexie instance to the open database. */
  openMs: number;
  /** The first 50 live clients sorted by name, read through the name index after open. */
  first50Ms: number;
  names: string[];
  /** Every client, read in primary-key pages of 2000 as the app's book loader does. */
  allClientsMs: number;
  clients: number;
}

export interface BenchPageApi {
  /** Generates the demo book in the page and keeps it for `insert` (not timed as an insert). */
  generate(options: DemoBookOptions): Promise<GenerateResult>;
  /** Bulk-writes the kept book into a fresh database with the app's schema. */
  insert(batchSize: number): Promise<InsertResult>;
  firstScreen(): Promise<FirstScreenResult>;
  wipe(): Promise<void>;
}

declare global {
  interface Window {
    fieldbookBench?: BenchPageApi;
  }
}

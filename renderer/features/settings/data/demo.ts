/**
 * "Load demo data": the seeded demo book written through the repository like any other records
 * (validated, stamped, in the outbox), a batch per transaction so the UI stays responsive.
 */
import { format } from 'date-fns';
import { generateDemoBook, type DemoBookOptions } from '../../../../shared/demo';
import type { Repository } from '../../../data/repository';

export interface DemoLoadOptions extends Partial<Omit<DemoBookOptions, 'ownerId'>> {
  onProgress?: (written: number) => void;
}

export async function loadDemoData(
  repo: Repository,
  options: DemoLoadOptions = {},
): Promise<number> {
  const { onProgress, ...book } = options;
  let written = 0;
  for (const batch of generateDemoBook({
    seed: 'fieldbook-demo',
    clients: 300,
    notes: 3000,
    locale: 'mixed',
    today: format(new Date(), 'yyyy-MM-dd'),
    ...book,
    ownerId: 'local',
  })) {
    // Demo ids are deterministic: loading twice adds nothing twice.
    const created = await repo.createMany(batch.table, batch.records as never, {
      skipExisting: true,
    });
    written += created.length;
    onProgress?.(written);
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the UI paint between batches
  }
  return written;
}

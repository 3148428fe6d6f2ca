import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ValidationError } from '../../../renderer/data/repository';
import { explained, repFacingReason } from '../../../renderer/ui/storageError';

const t = ((key: string, options?: Record<string, unknown>) =>
  options ? `${key} ${JSON.stringify(options)}` : key) as unknown as TFunction;

describe("a refused save is told in the rep's words", () => {
  it('a full disk inside a Dexie bulk error is said as a full disk', () => {
    const quota = new DOMException('Quota exceeded', 'QuotaExceededError');
    const bulk = Object.assign(new Error('clients.bulkAdd(): 1 of 1 operations failed'), {
      name: 'BulkError',
      failures: [quota],
    });
    expect(repFacingReason(bulk, t)).toBe('desktop.storage.disk_full');
  });

  it('an aborted transaction and a backing store that cannot open are said as a refused write', () => {
    const abort = new DOMException('The transaction was aborted', 'AbortError');
    const unknown = new DOMException('Internal error opening backing store', 'UnknownError');
    expect(repFacingReason(abort, t)).toBe('desktop.storage.refused');
    expect(repFacingReason(unknown, t)).toBe('desktop.storage.refused');
  });

  it('a name over the schema limit is said with the limit, not as the validation message', () => {
    const error = new ValidationError('clients', [
      {
        code: 'too_big',
        maximum: 300,
        origin: 'string',
        path: ['name'],
        message: 'Too big',
      } as never,
    ]);
    expect(repFacingReason(error, t)).toBe('desktop.storage.too_long {"max":300}');
    expect((explained(error, t) as Error).message).not.toMatch(/Invalid clients record/);
  });

  it('any other error is handed on as it is, so instanceof checks still see it', () => {
    class Mine extends Error {}
    const mine = new Mine('x');
    expect(explained(mine, t)).toBe(mine);
  });
});

// A post-sale visit checks the promises of a purchase. When there is no purchase to check (a
// prospect's visit started before this was refused, or one synced from an older device), or the
// purchase recorded no promises, there is nothing to rate: that item must never keep the visit
// from being finished.
import { describe, expect, it } from 'vitest';
import { runProgress, validateRun, type Answers } from '../../../shared/domain/checklistRun';
import { POST_SALE_TEMPLATE } from '../../../shared/domain/templates';

/** Every post-sale item a rep fills in, with the promise rows as given. */
const filled = (promises: Answers[string]): Answers => ({
  promises,
  delivery_check: 'as_agreed',
  installation_check: 'as_agreed',
  training_check: 'not_applicable',
  payment_check: 'as_agreed',
  satisfaction: 4,
  would_recommend: 9,
  buy_again: 'probably',
  referrals: 'not_asked',
});

const missing = (answers: Answers, ctx?: { promisedBenefitIds?: readonly string[] }) =>
  validateRun(POST_SALE_TEMPLATE, answers, ctx).steps.flatMap((s) => s.missing);

describe('promise vs reality with nothing promised', () => {
  it('a visit about no purchase (no benefit ids, no rows) can be finished', () => {
    expect(missing(filled([]))).toEqual([]);
    expect(missing(filled([]), { promisedBenefitIds: undefined })).toEqual([]);
    expect(validateRun(POST_SALE_TEMPLATE, filled([]))).toMatchObject({ complete: true });
    expect(runProgress(POST_SALE_TEMPLATE, filled([])).percent).toBe(100);
  });

  it('a purchase with no promised benefits has nothing to rate either', () => {
    expect(missing(filled([]), { promisedBenefitIds: [] })).toEqual([]);
  });

  it('a promise still unrated keeps blocking, with or without the purchase at hand', () => {
    const id = '0190a000-0000-7000-8000-000000000001';
    const unrated = [{ benefitId: id, reality: null, comment: '' }];
    expect(missing(filled(unrated))).toEqual(['promises']);
    expect(missing(filled([]), { promisedBenefitIds: [id] })).toEqual(['promises']);
    expect(
      missing(filled([{ benefitId: id, reality: 'met', comment: '' }]), {
        promisedBenefitIds: [id],
      }),
    ).toEqual([]);
  });
});

/** Rules that used to live in screens: the retention plan's actions, and which visit a client is offered first. */
import { describe, it, expect } from 'vitest';
import {
  isLive,
  retentionActionsFrom,
  retentionPlanHasContent,
  visitKindsOffered,
} from '../../../shared/domain';

const draft = (over: Partial<Parameters<typeof retentionActionsFrom>[0][number]> = {}) => ({
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  text: 'Call the director',
  responsible: '',
  due: '',
  done: false,
  ...over,
});

describe('retention plan actions', () => {
  it('a blank action is dropped and texts are trimmed; an empty due date is no date', () => {
    const result = retentionActionsFrom([
      draft({ text: '  Call the director ', responsible: ' Anna ' }),
      draft({ text: '   ' }),
    ]);
    expect(result).toEqual({
      ok: true,
      actions: [{ ...draft(), text: 'Call the director', responsible: 'Anna', due: null }],
    });
  });

  it('a due date that is not a calendar day refuses the whole plan', () => {
    expect(
      retentionActionsFrom([draft({ due: '2025-06-15' }), draft({ due: '15.06.2025' })]),
    ).toEqual({ ok: false, problem: 'date_invalid' });
  });

  it('a blank action with a bad date does not refuse the plan (it is dropped first)', () => {
    expect(retentionActionsFrom([draft({ text: '', due: 'soon' })])).toEqual({
      ok: true,
      actions: [],
    });
  });

  it('a plan is created only once it has a cause or an action', () => {
    expect(retentionPlanHasContent('  ', [])).toBe(false);
    expect(retentionPlanHasContent('price', [])).toBe(true);
    expect(retentionPlanHasContent('', [{}])).toBe(true);
  });
});

describe('which visit a client is offered', () => {
  it('a client with a purchase is offered the post-sale visit first, then closing', () => {
    expect(visitKindsOffered(true)).toEqual(['post_sale', 'closing']);
  });

  it('a client with no purchase is offered only the closing visit', () => {
    expect(visitKindsOffered(false)).toEqual(['closing']);
  });
});

describe('isLive', () => {
  it('a record is live until it is put in the trash', () => {
    expect(isLive({ deletedAt: null })).toBe(true);
    expect(isLive({ deletedAt: '2025-06-15T10:00:00.000Z' })).toBe(false);
  });
});

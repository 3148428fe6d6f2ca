import { describe, expect, it } from 'vitest';
import {
  CONTACT_TYPES,
  ChecklistTemplateSchema,
  type ChecklistTemplate,
  type LocalizedText,
} from '../../../shared/domain';
import { UUID_PATTERN } from '../../../shared/ids';
import {
  BUILTIN_TEMPLATES,
  BUYER_SIGNALS,
  CLOSING_METHODS,
  CLOSING_TEMPLATE,
  CONTACT_LOG_TEMPLATE,
  POST_SALE_ITEMS,
  POST_SALE_TEMPLATE,
  builtinId,
  latestTemplate,
} from '../../../shared/domain/templates';

function texts(t: ChecklistTemplate): LocalizedText[] {
  const list: LocalizedText[] = [t.title];
  for (const s of t.steps) {
    list.push(s.title, ...(s.help ? [s.help] : []));
    for (const i of s.items) {
      list.push(i.label, ...(i.help ? [i.help] : []));
      if (i.type === 'choice')
        for (const o of i.options) list.push(o.label, ...(o.help ? [o.help] : []));
    }
  }
  return list;
}

const items = (t: ChecklistTemplate) => t.steps.flatMap((s) => s.items);

describe('built-in templates', () => {
  it.each(BUILTIN_TEMPLATES.map((t) => [t.key, t] as const))(
    '%s is a valid, published template record',
    (_key, t) => {
      const parsed = ChecklistTemplateSchema.safeParse(t);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(t.publishedAt).not.toBeNull();
    },
  );

  it('every device gets the same ids, shaped like UUIDv7', () => {
    expect(BUILTIN_TEMPLATES.map((t) => [t.key, t.version, t.id])).toEqual([
      ['closing_signals', 1, '01941f29-7c00-7000-8000-000000000001'],
      ['post_sale_visit', 1, '01941f29-7c00-7000-8000-000000000002'],
      ['contact_log', 1, '01941f29-7c00-7000-8000-000000000003'],
      ['post_sale_program', 1, '01941f29-7c00-7000-8000-000000000004'],
    ]);
    for (const t of BUILTIN_TEMPLATES) expect(t.id).toMatch(UUID_PATTERN);
    expect(builtinId(1)[14]).toBe('7');
    expect(() => builtinId(0)).toThrow(RangeError);
  });

  it.each(BUILTIN_TEMPLATES.map((t) => [t.key, t] as const))(
    '%s speaks Russian and English in every text',
    (_key, t) => {
      for (const text of texts(t)) {
        expect(text.ru.trim()).not.toBe('');
        expect(text.en.trim()).not.toBe('');
        expect(text.ru).toMatch(/[а-яё]/i);
        expect(text.en).not.toMatch(/[а-яё]/i);
      }
    },
  );

  it.each(BUILTIN_TEMPLATES.map((t) => [t.key, t] as const))(
    '%s has unique keys and conditions that point at real answers',
    (_key, t) => {
      const all = items(t);
      expect(new Set(all.map((i) => i.key)).size).toBe(all.length);
      expect(new Set(t.steps.map((s) => s.key)).size).toBe(t.steps.length);
      for (const i of all) {
        if (!i.when) continue;
        const target = all.find((x) => x.key === i.when?.item);
        expect(target, `${i.key} depends on ${i.when.item}`).toBeDefined();
        const allowed =
          target?.type === 'choice' ? target.options.map((o) => o.key) : ['true', 'false'];
        for (const v of i.when.anyOf) expect(allowed).toContain(v);
      }
    },
  );

  it('the closing checklist offers every buyer signal and every closing method with a how-to', () => {
    const options = (key: string) => {
      const item = items(CLOSING_TEMPLATE).find((i) => i.key === key);
      return item?.type === 'choice' ? item.options.map((o) => o.key) : [];
    };
    expect([...options('verbal_signals'), ...options('nonverbal_signals')].sort()).toEqual(
      BUYER_SIGNALS.map((s) => s.key).sort(),
    );
    expect(options('closing_method')).toEqual(CLOSING_METHODS.map((m) => m.key));
    expect(BUYER_SIGNALS.filter((s) => s.kind === 'verbal')).toHaveLength(10);
    expect(BUYER_SIGNALS.filter((s) => s.kind === 'nonverbal')).toHaveLength(8);
  });

  it('the closing checklist guards against haste, excess paperwork and pressure, each to be confirmed', () => {
    const guard = CLOSING_TEMPLATE.steps.find((s) => s.key === 'mistakes_guard');
    expect(guard?.items.map((i) => [i.key, i.type, i.required])).toEqual([
      ['guard_no_haste', 'check', true],
      ['guard_no_paperwork', 'check', true],
      ['guard_no_pressure', 'check', true],
    ]);
  });

  it('the post-sale visit covers promises, follow-through, satisfaction, loyalty, cross-sell, referrals and reviews', () => {
    const byKey = new Map(items(POST_SALE_TEMPLATE).map((i) => [i.key, i]));
    for (const key of Object.values(POST_SALE_ITEMS)) expect(byKey.has(key), key).toBe(true);
    expect(byKey.get('promises')?.type).toBe('promise_vs_reality');
    expect(byKey.get('satisfaction')).toMatchObject({
      type: 'scale',
      min: 1,
      max: 5,
      required: true,
    });
    expect(byKey.get('would_recommend')).toMatchObject({
      type: 'scale',
      min: 0,
      max: 10,
      required: true,
    });
  });

  it('the contact log offers the five post-sale contact kinds plus the proactive notice', () => {
    const type = items(CONTACT_LOG_TEMPLATE).find((i) => i.key === 'contact_type');
    expect(type?.type === 'choice' ? type.options.map((o) => o.key) : []).toEqual([
      ...CONTACT_TYPES,
    ]);
  });

  it('a new run uses the highest published version of a key; drafts and deleted versions do not count', () => {
    const v2 = { ...POST_SALE_TEMPLATE, id: builtinId(100), version: 2 };
    const draft = { ...POST_SALE_TEMPLATE, id: builtinId(101), version: 3, publishedAt: null };
    const deleted = {
      ...POST_SALE_TEMPLATE,
      id: builtinId(102),
      version: 4,
      deletedAt: '2025-02-01T00:00:00Z',
    };
    expect(
      latestTemplate([POST_SALE_TEMPLATE, v2, draft, deleted], 'post_sale_visit')?.version,
    ).toBe(2);
    expect(latestTemplate(BUILTIN_TEMPLATES, 'nope')).toBeNull();
  });
});

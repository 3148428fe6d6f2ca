import { describe, expect, it } from 'vitest';
import { matchLines, mergeLines } from '../../../shared/sync/text-merge';

const base = [
  'Встреча с директором.',
  'Обсудили поставку.',
  'Нужен монтаж.',
  'Перезвонить в пятницу.',
].join('\n');

describe('three-way line merge', () => {
  it('keeps edits of different lines from both sides', () => {
    const ours = base.replace('Обсудили поставку.', 'Обсудили поставку и оплату.');
    const theirs = base.replace('Перезвонить в пятницу.', 'Перезвонить в понедельник.');
    expect(mergeLines(base, ours, theirs)).toEqual({
      ok: true,
      text: [
        'Встреча с директором.',
        'Обсудили поставку и оплату.',
        'Нужен монтаж.',
        'Перезвонить в понедельник.',
      ].join('\n'),
    });
  });

  it('keeps both paragraphs when both sides added at the same place, the chosen side first', () => {
    const ours = `${base}\nМоё дополнение.`;
    const theirs = `${base}\nИх дополнение.`;
    expect(mergeLines(base, ours, theirs, 'ours')).toEqual({
      ok: true,
      text: `${base}\nМоё дополнение.\nИх дополнение.`,
    });
    expect(mergeLines(base, ours, theirs, 'theirs')).toEqual({
      ok: true,
      text: `${base}\nИх дополнение.\nМоё дополнение.`,
    });
  });

  it('reports a conflict when both sides changed the same line differently', () => {
    const ours = base.replace('Нужен монтаж.', 'Монтаж не нужен.');
    const theirs = base.replace('Нужен монтаж.', 'Монтаж в марте.');
    expect(mergeLines(base, ours, theirs)).toEqual({ ok: false, conflicts: 1 });
  });

  it('takes the one changed side when the other is unchanged, and either when both made the same change', () => {
    const ours = base.replace('Нужен монтаж.', 'Монтаж в марте.');
    expect(mergeLines(base, ours, base)).toEqual({ ok: true, text: ours });
    expect(mergeLines(base, base, ours)).toEqual({ ok: true, text: ours });
    expect(mergeLines(base, ours, ours)).toEqual({ ok: true, text: ours });
  });

  it('applies a deletion on one side with an edit elsewhere on the other', () => {
    const ours = base.replace('Нужен монтаж.\n', '');
    const theirs = base.replace('Встреча с директором.', 'Встреча с главным инженером.');
    expect(mergeLines(base, ours, theirs)).toEqual({
      ok: true,
      text: ['Встреча с главным инженером.', 'Обсудили поставку.', 'Перезвонить в пятницу.'].join(
        '\n',
      ),
    });
  });

  it('conflicts when one side deletes a line the other edited', () => {
    const ours = base.replace('Нужен монтаж.\n', '');
    const theirs = base.replace('Нужен монтаж.', 'Нужен монтаж и обучение.');
    expect(mergeLines(base, ours, theirs).ok).toBe(false);
  });

  it('matches lines by a longest common subsequence', () => {
    const match = matchLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e']);
    expect(Array.from(match!)).toEqual([0, -1, 2, 3]);
  });
});

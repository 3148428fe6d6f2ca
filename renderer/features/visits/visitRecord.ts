/**
 * A finished visit read back in full: every step of its checklist with every answer the rep gave,
 * in the template's order and wording, so the screen and the printed visit report say the same.
 * Pure: the template, the answers and the purchase's promised benefits in, rows of text out.
 */
import type { Answer, ChecklistItem, ChecklistTemplate } from '../../../shared/domain';
import { chosen, itemApplies } from '../../../shared/domain/checklistRun';
import type { PickText } from '../../i18n/localize';
import { promiseRows, type Benefit } from './PromiseRealityRows';

/** The answer key of the comment a rep writes when a follow-through went «with remarks». */
export const REMARKS_OPTION = 'with_issues';
export function remarksKey(itemKey: string): string {
  return `${itemKey}_remarks`;
}

interface RecordRow {
  key: string;
  label: string;
  /** One line each; several for a multiple choice or promise-vs-reality rows. */
  values: string[];
}

export interface RecordStep {
  key: string;
  title: string;
  rows: RecordRow[];
}

export interface RecordWords {
  pick: PickText;
  yes: string;
  no: string;
  /** «Below», «Met», «Exceeded» and a benefit with no rating. */
  reality: (reality: 'below' | 'met' | 'exceeded' | null) => string;
  remarks: (text: string) => string;
  formatDay: (day: string) => string;
}

function text(value: Answer | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}

function valuesOf(
  item: ChecklistItem,
  answers: Record<string, Answer>,
  benefits: readonly Benefit[],
  words: RecordWords,
): string[] {
  const value = answers[item.key];
  switch (item.type) {
    case 'check':
      return typeof value === 'boolean' ? [value ? words.yes : words.no] : [];
    case 'choice': {
      const keys = chosen(value);
      const labels = keys.map(
        (key) => words.pick(item.options.find((o) => o.key === key)?.label) || key,
      );
      const remarks = keys.includes(REMARKS_OPTION) ? text(answers[remarksKey(item.key)]) : '';
      return remarks ? [...labels, words.remarks(remarks)] : labels;
    }
    case 'scale':
      return typeof value === 'number' ? [`${value} / ${item.max}`] : [];
    case 'date':
      return text(value) ? [words.formatDay(text(value))] : [];
    case 'short_text':
    case 'long_text':
      return text(value) ? [text(value)] : [];
    case 'promise_vs_reality': {
      return promiseRows(value, benefits).map((row) => {
        const benefit = benefits.find((b) => b.id === row.benefitId);
        const parts = [benefit?.text ?? '—', words.reality(row.reality)];
        if (row.comment.trim()) parts.push(row.comment.trim());
        return parts.join(' — ');
      });
    }
  }
}

/** Every step that has an answer, with the items answered; unanswered items and steps left out. */
export function visitRecord(
  template: ChecklistTemplate,
  answers: Record<string, Answer>,
  benefits: readonly Benefit[],
  words: RecordWords,
): RecordStep[] {
  return template.steps.flatMap((step) => {
    const rows = step.items.flatMap((item) => {
      if (!itemApplies(item, answers)) return [];
      const values = valuesOf(item, answers, benefits, words);
      return values.length > 0 ? [{ key: item.key, label: words.pick(item.label), values }] : [];
    });
    return rows.length > 0 ? [{ key: step.key, title: words.pick(step.title), rows }] : [];
  });
}

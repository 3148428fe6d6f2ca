import type { Answer } from '../checklist';

/** A run's answers by item key, as the logic reads them. */
export type Answers = Readonly<Record<string, Answer | undefined>>;

/** The option keys chosen in a choice answer (a single choice is stored as a string). */
export function chosen(answer: Answer | undefined): string[] {
  if (typeof answer === 'string') return answer === '' ? [] : [answer];
  if (Array.isArray(answer)) return answer.filter((a): a is string => typeof a === 'string');
  return [];
}

/** A text answer, trimmed; '' for anything else. */
export function textAnswer(answer: Answer | undefined): string {
  return typeof answer === 'string' ? answer.trim() : '';
}

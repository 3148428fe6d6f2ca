/**
 * A follow-up as the rep reads it, in the agenda, the day's notice and the client's history: its
 * kind and what it is about; a greeting with its day (weekday and date) and whose birthday it is.
 */
import type { TFunction } from 'i18next';
import type { ContactPerson, FollowUp } from '../../../shared/domain';
import { describeFollowUp } from '../../../shared/domain/followupRules';
import { formatDate } from '../../i18n/dates';

type Described = Pick<FollowUp, 'kind' | 'ruleKey' | 'title' | 'due' | 'subjectId'>;
type Person = Pick<ContactPerson, 'id' | 'name' | 'birthday' | 'children'>;

export function followUpTitle(
  f: Described,
  t: TFunction,
  language: string,
  people: readonly Person[] = [],
  /** Who a child belongs to when the parent is not among `people` (the client's name). */
  family = '',
): string {
  const d = describeFollowUp(f, people);
  return t(d.key, {
    ...d.params,
    parent: d.params.parent || family,
    date: formatDate(d.params.day ?? f.due, 'weekdayDay', language),
  });
}

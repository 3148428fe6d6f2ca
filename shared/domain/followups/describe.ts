import type { FollowUp } from '../followup';
import type { ContactPerson } from '../person';
import { PROGRAM_RULE_KINDS } from '../program';
import { birthdayInYear } from './days';
import { childKeys } from './birthdays';

/** Rule keys whose first part names a variant with its own wording: every rule, and the birthday's. */
const VARIANTS = new Set<string>([
  ...PROGRAM_RULE_KINDS,
  'birthday_before',
  'birthday_child',
  'birthday_child_before',
]);

export interface FollowUpDescription {
  /** i18n key under `followups.rule.`; the UI translates it with `params`. */
  key: string;
  /**
   * `name`: who or what it is about. For a greeting also `parent` (a child's parent, '' when not
   * known) and `day` (the birthday itself, 'YYYY-MM-DD', for the reminder ahead too), which the
   * UI words as a date with its weekday.
   */
  params: { name: string; parent?: string; day?: string };
}

/**
 * How the UI words a follow-up in the rep's language. The stored title holds only a name (the
 * person, child, client, purchase, problem or plan action), so switching language rewords every
 * generated follow-up without touching the records. Given the client's people, a greeting says
 * whose birthday it is and on which day («пт, 11 дек. — день рождения: Алёна, ребёнок
 * (родитель: Фёдор Колесников)»), never "today" on another day.
 */
export function describeFollowUp(
  f: Pick<FollowUp, 'kind' | 'ruleKey' | 'title' | 'due' | 'subjectId'>,
  people: readonly Pick<ContactPerson, 'id' | 'name' | 'birthday' | 'children'>[] = [],
): FollowUpDescription {
  const prefix = f.ruleKey?.slice(0, f.ruleKey.indexOf(':')) ?? '';
  const variant = VARIANTS.has(prefix) ? prefix : f.kind;
  const key = `followups.rule.${variant}`;
  if (f.kind !== 'birthday' || !f.ruleKey) return { key, params: { name: f.title } };
  const parts = f.ruleKey.split(':');
  const year = Number(parts[parts.length - 1]);
  const child = prefix.startsWith('birthday_child');
  const person = people.find((p) => p.id === f.subjectId);
  let day: string | null = prefix.endsWith('_before') ? null : f.due;
  if (person && !day) {
    let birthday = person.birthday;
    if (child) {
      const keys = childKeys(person.children);
      const index = keys.indexOf(parts[2] ?? '');
      birthday = index >= 0 ? (person.children[index]?.birthday ?? null) : null;
    }
    day = birthday ? birthdayInYear(birthday, year) : null;
  }
  return {
    key,
    params: {
      name: f.title,
      ...(child ? { parent: person?.name ?? '' } : {}),
      ...(day ? { day } : {}),
    },
  };
}

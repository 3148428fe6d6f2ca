import type { ContactPerson } from '../person';
import {
  birthdayNumberInYear,
  dayFromNumber,
  dayNumber,
  parseBirthday,
  yearOf,
  type BirthdayParts,
} from './days';
import { shortTitle, type FollowUpTarget, type RuleContext } from './types';

/** A greeting a few days late is still kind; a month late it is not, so it is not created then. */
export const BIRTHDAY_GRACE_DAYS = 3;

// Birthday rule keys: `<prefix>:<personId>[:<child>]:<year>`, prefix birthday[_child][_before].

/**
 * A child has no id of its own, so its follow-ups are keyed by its name: reordering or deleting
 * one child never hands its greeting (or its done mark) to a sibling. Twins by name get ~2, ~3.
 */
export function childKeys(children: readonly { name: string }[]): string[] {
  const seen = new Map<string, number>();
  return children.map((c) => {
    const slug =
      c.name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/:/g, '_').slice(0, 60) || 'child';
    const n = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, n);
    return n === 1 ? slug : `${slug}~${n}`;
  });
}

interface Celebrant {
  dayBase: string;
  beforeBase: string;
  birthday: BirthdayParts;
  title: string;
}

function celebrants(p: ContactPerson): Celebrant[] {
  const list: Celebrant[] = [];
  const own = p.birthday ? parseBirthday(p.birthday) : null;
  if (own)
    list.push({
      dayBase: `birthday:${p.id}`,
      beforeBase: `birthday_before:${p.id}`,
      birthday: own,
      title: shortTitle(p.name),
    });
  if (p.children.length === 0) return list;
  const keys = childKeys(p.children);
  p.children.forEach((child, i) => {
    const birthday = child.birthday ? parseBirthday(child.birthday) : null;
    if (!birthday) return;
    const k = keys[i] ?? String(i);
    list.push({
      dayBase: `birthday_child:${p.id}:${k}`,
      beforeBase: `birthday_child_before:${p.id}:${k}`,
      birthday,
      title: shortTitle(child.name),
    });
  });
  return list;
}

function greeting(
  p: ContactPerson,
  c: Celebrant,
  ruleKey: string,
  due: string,
  wanted: boolean,
): FollowUpTarget {
  return {
    ruleKey,
    kind: 'birthday',
    clientId: p.clientId,
    subjectId: p.id,
    title: c.title,
    due,
    mode: wanted ? 'create' : 'track',
  };
}

/**
 * Greetings for every person and every child (DOMAIN.md §5): on the day, and N days before. Each
 * year's greeting is its own follow-up (`...:<year>`), so greeting this year never marks next
 * year's done. Years already present in existing keys are recomputed too, so editing a birthday
 * moves an open greeting instead of leaving it on the old day. Day numbers, not strings, in the
 * loop: this rule runs over every person and child of a 10k-client book.
 */
export function birthdayRules(people: readonly ContactPerson[], ctx: RuleContext): void {
  const rule = ctx.program.rules.birthday;
  if (!rule.enabled) return;
  const thisYear = yearOf(ctx.today);
  const today = dayNumber(ctx.today);
  const ahead = dayNumber(ctx.aheadLimit);
  const grace = today - BIRTHDAY_GRACE_DAYS;
  for (const p of people) {
    if (
      p.deletedAt !== null ||
      (!p.birthday && p.children.length === 0) ||
      !ctx.clients.has(p.clientId)
    )
      continue;
    for (const c of celebrants(p)) {
      const dayYears = ctx.birthdayYears.get(c.dayBase);
      const beforeYears = ctx.birthdayYears.get(c.beforeBase);
      const years = [thisYear - 1, thisYear, thisYear + 1];
      if (dayYears) for (const y of dayYears) if (!years.includes(y)) years.push(y);
      if (beforeYears) for (const y of beforeYears) if (!years.includes(y)) years.push(y);
      for (const year of years) {
        // The day of birth itself is no birthday yet.
        if (c.birthday.year !== null && year <= c.birthday.year) continue;
        const day = birthdayNumberInYear(c.birthday, year);
        const dayWanted = day >= grace && day <= ahead;
        // Keys that neither should be created nor exist need no work at all.
        if (dayWanted || dayYears?.has(year)) {
          ctx.emit(greeting(p, c, `${c.dayBase}:${year}`, dayFromNumber(day), dayWanted));
        }
        if (rule.days === 0) continue;
        const before = day - rule.days;
        // Once the day itself has come, the reminder ahead of it has no point of its own.
        const beforeWanted = day > today && before <= ahead;
        if (beforeWanted || beforeYears?.has(year)) {
          ctx.emit(greeting(p, c, `${c.beforeBase}:${year}`, dayFromNumber(before), beforeWanted));
        }
      }
    }
  }
}

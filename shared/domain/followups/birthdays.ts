import type { ContactPerson } from '../person';
import {
  birthdayNumberInYear,
  dayFromNumber,
  dayNumber,
  parseBirthday,
  yearOf,
  type BirthdayParts,
} from './days';
import { shortTitle, type FollowUpTarget, type RuleContext, type TargetMode } from './types';
import { answeredBetween } from './contactFacts';

/**
 * A greeting is due on the day. A few days late it is still kind, so for this many days after the
 * day it shows as missed (not "overdue"); after that it lapses: an open one is removed, and none
 * is created. A month late it is not kind, and a rep who sees "overdue by 42 days" stops trusting
 * the agenda.
 */
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

/** The days this run looks at, as day numbers. */
interface Window {
  thisYear: number;
  today: number;
  ahead: number;
  grace: number;
  daysBefore: number;
}

/** One person or child whose birthday is greeted; keys and title are built only when needed. */
interface Celebrant {
  person: ContactPerson;
  birthday: BirthdayParts;
  /** The child's place in `person.children`; -1 for the person. */
  childIndex: number;
  name: string;
}

/**
 * The key part after the person's id: '' for the person, ':<child key>' for a child. Child keys
 * are built (for all of a person's children at once, as twins number each other) only for a child
 * whose greeting is near or already followed up; most are neither.
 */
function keySuffix(c: Celebrant, family: Map<ContactPerson, string[]>): string {
  if (c.childIndex < 0) return '';
  let keys = family.get(c.person);
  if (!keys) {
    keys = childKeys(c.person.children);
    family.set(c.person, keys);
  }
  return `:${keys[c.childIndex] ?? c.childIndex}`;
}

function greet(
  ctx: RuleContext,
  w: Window,
  c: Celebrant,
  known: boolean,
  family: Map<ContactPerson, string[]>,
): void {
  const { person, birthday } = c;
  const dayPrefix = c.childIndex >= 0 ? 'birthday_child' : 'birthday';
  let dayBase: string | null = null;
  let beforeBase: string | null = null;
  const years = [w.thisYear - 1, w.thisYear, w.thisYear + 1];
  let dayYears: ReadonlySet<number> | undefined;
  let beforeYears: ReadonlySet<number> | undefined;
  if (known) {
    // Years already used by existing keys are recomputed too, so editing a birthday moves an
    // open greeting of any year instead of leaving it on the old day.
    const suffix = keySuffix(c, family);
    dayBase = `${dayPrefix}:${person.id}${suffix}`;
    beforeBase = `${dayPrefix}_before:${person.id}${suffix}`;
    dayYears = ctx.birthdayYears.get(dayBase);
    beforeYears = ctx.birthdayYears.get(beforeBase);
    if (dayYears) for (const y of dayYears) if (!years.includes(y)) years.push(y);
    if (beforeYears) for (const y of beforeYears) if (!years.includes(y)) years.push(y);
  }
  const contacts = ctx.contactsOf(person.clientId);
  for (const year of years) {
    // The day of birth itself is no birthday yet.
    if (birthday.year !== null && year <= birthday.year) continue;
    const day = birthdayNumberInYear(birthday, year);
    // A greeting logged (a friendly touch) from the reminder's day to the end of the grace closes
    // both this year's greeting and its reminder.
    const greeted =
      contacts.length > 0 &&
      (dayYears?.has(year) || beforeYears?.has(year)) === true &&
      answeredBetween(
        contacts,
        'birthday',
        dayFromNumber(day - w.daysBefore),
        dayFromNumber(day + BIRTHDAY_GRACE_DAYS),
        person.id,
      );
    const dayWanted = day >= w.grace && day <= w.ahead;
    if (greeted) {
      if (dayYears?.has(year)) ctx.emit(target(c, `${dayBase}:${year}`, day, 'settled'));
    } else if (dayWanted || (dayYears?.has(year) && day > w.ahead)) {
      // Past the grace a greeting is not emitted at all, so an open one lapses (is removed).
      dayBase ??= `${dayPrefix}:${person.id}${keySuffix(c, family)}`;
      ctx.emit(target(c, `${dayBase}:${year}`, day, dayWanted ? 'create' : 'track'));
    }
    if (w.daysBefore === 0) continue;
    const before = day - w.daysBefore;
    // Once the day itself has come, the reminder ahead of it has no point of its own: it lapses.
    const beforeWanted = day > w.today && before <= w.ahead;
    if (greeted) {
      if (beforeYears?.has(year)) ctx.emit(target(c, `${beforeBase}:${year}`, before, 'settled'));
    } else if (beforeWanted || (beforeYears?.has(year) && day > w.today)) {
      beforeBase ??= `${dayPrefix}_before:${person.id}${keySuffix(c, family)}`;
      ctx.emit(target(c, `${beforeBase}:${year}`, before, beforeWanted ? 'create' : 'track'));
    }
  }
}

function target(c: Celebrant, ruleKey: string, due: number, mode: TargetMode): FollowUpTarget {
  return {
    ruleKey,
    kind: 'birthday',
    clientId: c.person.clientId,
    subjectId: c.person.id,
    title: shortTitle(c.name),
    due: dayFromNumber(due),
    mode,
  };
}

/**
 * Greetings for every person and every child (docs/domain.md §5): on the day, and N days before. Each
 * year's greeting is its own follow-up (`...:<year>`), so greeting this year never marks next
 * year's done. Day numbers, not strings, in the loop, and no key is built for a birthday that is
 * neither near nor already followed up: this rule runs over every person of a 10k-client book.
 */
export function birthdayRules(people: readonly ContactPerson[], ctx: RuleContext): void {
  const rule = ctx.program.rules.birthday;
  if (!rule.enabled) return;
  const today = dayNumber(ctx.today);
  const w: Window = {
    thisYear: yearOf(ctx.today),
    today,
    ahead: dayNumber(ctx.aheadLimit),
    grace: today - BIRTHDAY_GRACE_DAYS,
    daysBefore: rule.days,
  };
  // Child keys of the people whose children need one, built once per person in this run.
  const family = new Map<ContactPerson, string[]>();
  for (const person of people) {
    if (person.deletedAt !== null || !ctx.clients.has(person.clientId)) continue;
    if (!person.birthday && person.children.length === 0) continue;
    const known = ctx.known(person.id);
    const own = person.birthday ? parseBirthday(person.birthday) : null;
    if (own)
      greet(ctx, w, { person, birthday: own, childIndex: -1, name: person.name }, known, family);
    // Plain loop: no closure per person in this hot loop.
    for (let i = 0; i < person.children.length; i++) {
      const child = person.children[i];
      const birthday = child?.birthday ? parseBirthday(child.birthday) : null;
      if (!child || !birthday) continue;
      greet(ctx, w, { person, birthday, childIndex: i, name: child.name }, known, family);
    }
  }
}

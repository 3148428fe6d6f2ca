import type { ContactPerson } from '../person';
import { addDays, birthdayInYear, yearOf } from './days';
import { shortTitle, type RuleContext } from './types';

/** A greeting a few days late is still kind; a month late it is not, so it is not created then. */
export const BIRTHDAY_GRACE_DAYS = 3;

/** Birthday rule keys: `<prefix>:<personId>[:<child>]:<year>`. */
export const BIRTHDAY_KEY_RE = /^(birthday(?:_child)?(?:_before)?:.+):(\d{4})$/;

/**
 * A child has no id of its own, so its follow-ups are keyed by its name: reordering or deleting
 * one child never hands its greeting (or its done mark) to a sibling. Twins by name get ~2, ~3.
 */
export function childKeys(children: readonly { name: string }[]): string[] {
  const seen = new Map<string, number>();
  return children.map((c) => {
    const slug = c.name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/:/g, '_').slice(0, 60) || 'child';
    const n = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, n);
    return n === 1 ? slug : `${slug}~${n}`;
  });
}

interface Celebrant {
  clientId: string;
  personId: string;
  dayBase: string;
  beforeBase: string;
  birthday: string;
  title: string;
}

function celebrants(p: ContactPerson): Celebrant[] {
  const list: Celebrant[] = [];
  const common = { clientId: p.clientId, personId: p.id };
  if (p.birthday) {
    list.push({ ...common, dayBase: `birthday:${p.id}`, beforeBase: `birthday_before:${p.id}`, birthday: p.birthday, title: shortTitle(p.name) });
  }
  const keys = childKeys(p.children);
  p.children.forEach((child, i) => {
    if (!child.birthday) return;
    const k = keys[i] ?? String(i);
    list.push({
      ...common,
      dayBase: `birthday_child:${p.id}:${k}`,
      beforeBase: `birthday_child_before:${p.id}:${k}`,
      birthday: child.birthday,
      title: shortTitle(child.name),
    });
  });
  return list;
}

/**
 * Greetings for every person and every child (DOMAIN.md §5): on the day, and N days before. Each
 * year's greeting is its own follow-up (`...:<year>`), so greeting this year never marks next
 * year's done. Years already present in existing keys are recomputed too, so editing a birthday
 * moves an open greeting instead of leaving it on the old day.
 */
export function birthdayRules(people: readonly ContactPerson[], ctx: RuleContext): void {
  const rule = ctx.program.rules.birthday;
  if (!rule.enabled) return;
  const thisYear = yearOf(ctx.today);
  const graceLimit = addDays(ctx.today, -BIRTHDAY_GRACE_DAYS);
  for (const p of people) {
    if (p.deletedAt !== null || !ctx.clients.has(p.clientId)) continue;
    for (const c of celebrants(p)) {
      const years = new Set([thisYear - 1, thisYear, thisYear + 1]);
      for (const y of ctx.birthdayYears.get(c.dayBase) ?? []) years.add(y);
      for (const y of ctx.birthdayYears.get(c.beforeBase) ?? []) years.add(y);
      const bornIn = /^\d{4}/.test(c.birthday) ? yearOf(c.birthday) : null;
      const base = { clientId: c.clientId, subjectId: c.personId, title: c.title, kind: 'birthday' as const };
      for (const year of years) {
        // The day of birth itself is no birthday yet.
        if (bornIn !== null && year <= bornIn) continue;
        const day = birthdayInYear(c.birthday, year);
        if (day === null) break;
        const dayMode = day >= graceLimit && day <= ctx.aheadLimit ? 'create' : 'track';
        ctx.emit({ ...base, ruleKey: `${c.dayBase}:${year}`, due: day, mode: dayMode });
        if (rule.days > 0) {
          const due = addDays(day, -rule.days);
          // Once the day itself has come, the reminder ahead of it has no point of its own.
          const mode = day > ctx.today && due <= ctx.aheadLimit ? 'create' : 'track';
          ctx.emit({ ...base, ruleKey: `${c.beforeBase}:${year}`, due, mode });
        }
      }
    }
  }
}

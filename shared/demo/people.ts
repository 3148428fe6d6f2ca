/** Contact people of a client: roles, birthdays (some without a year), children, channels. */
import type { Channel } from '../domain/common';
import type { Child, ContactPerson } from '../domain/person';
import { DAY_MS } from './calendar';
import type { DemoLocale, PersonName } from './locale';
import { stampAll, synced, type DemoContext } from './records';

/** Month and day of every day of a non-leap year: random birthdays never fall on 29 February. */
const MONTH_DAYS: readonly string[] = Array.from({ length: 365 }, (_, i) =>
  new Date(Date.UTC(2001, 0, 1) + i * DAY_MS).toISOString().slice(5, 10),
);

function randomBirthday(ctx: DemoContext, fromYear: number, toYear: number): string {
  const { rng } = ctx;
  const monthDay = rng.pick(MONTH_DAYS);
  return rng.chance(0.25) ? `--${monthDay}` : `${rng.int(fromYear, toYear)}-${monthDay}`;
}

/** A birthday on the day `offset` days from today, in a year that has that day. */
function birthdayOn(ctx: DemoContext, offset: number, year: number): string {
  const monthDay = ctx.cal.day(offset).slice(5);
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  let y = year;
  while (monthDay === '02-29' && !leap(y)) y += 1;
  return `${y}-${monthDay}`;
}

function children(ctx: DemoContext, locale: DemoLocale, todayYear: number): Child[] {
  const { rng } = ctx;
  const count = rng.weighted([
    [0, 5],
    [1, 3],
    [2, 2],
    [3, 1],
  ] as const);
  const list: Child[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    const birthday =
      roll < 0.8
        ? `${rng.int(todayYear - 25, todayYear - 1)}-${rng.pick(MONTH_DAYS)}`
        : roll < 0.9
          ? `--${rng.pick(MONTH_DAYS)}`
          : null;
    list.push({ name: locale.childName(rng), birthday });
  }
  return list;
}

function channels(
  ctx: DemoContext,
  locale: DemoLocale,
  name: PersonName,
  company: string | null,
): Channel[] {
  const { rng } = ctx;
  const ru = locale.lang === 'ru';
  const out: Channel[] = [];
  const phone = locale.phone(rng);
  if (rng.chance(0.95))
    out.push({ kind: 'phone', value: phone, label: ru ? 'мобильный' : 'mobile' });
  if (rng.chance(0.2))
    out.push({ kind: 'phone', value: locale.phone(rng), label: ru ? 'рабочий' : 'work' });
  if (rng.chance(0.7)) {
    const email = `${locale.emailLocalPart(name, rng)}@${locale.emailDomain(company, rng)}`;
    out.push({ kind: 'email', value: email });
  }
  if (rng.chance(0.25)) out.push({ kind: 'whatsapp', value: phone });
  if (rng.chance(0.2)) {
    const handle = `@${locale.emailLocalPart(name, rng).replace(/[^a-z0-9_]/g, '_')}`;
    out.push({ kind: 'telegram', value: handle });
  }
  if (ru && rng.chance(0.05)) out.push({ kind: 'viber', value: phone });
  return out;
}

export interface PersonSpec {
  name: PersonName;
  role: string;
  createdMs: number;
  /** Forces a birthday (the person's or a child's) on this day offset, for the UI's filters. */
  birthdaySoon?: { offset: number; who: 'person' | 'child' };
}

export function makePerson(
  ctx: DemoContext,
  locale: DemoLocale,
  clientId: string,
  company: string | null,
  spec: PersonSpec,
): ContactPerson {
  const { rng, cal } = ctx;
  const todayYear = Number(cal.day(0).slice(0, 4));
  let birthday = rng.chance(0.75) ? randomBirthday(ctx, todayYear - 66, todayYear - 22) : null;
  const kids = children(ctx, locale, todayYear);
  const soon = spec.birthdaySoon;
  if (soon?.who === 'person') birthday = birthdayOn(ctx, soon.offset, todayYear - rng.int(25, 60));
  if (soon?.who === 'child') {
    kids.push({
      name: locale.childName(rng),
      birthday: birthdayOn(ctx, soon.offset, todayYear - rng.int(3, 16)),
    });
  }
  const person: ContactPerson = {
    ...synced(ctx, spec.createdMs),
    clientId,
    name: spec.name.full,
    role: spec.role,
    birthday,
    children: kids,
    addressForm: rng.weighted([
      ['formal', 5],
      ['informal', 2],
      ['unknown', 3],
    ] as const),
    channels: channels(ctx, locale, spec.name, company),
    interests: rng.chance(0.4) ? rng.pick(locale.interests) : '',
    personalNotes: rng.chance(0.3) ? rng.pick(locale.personalNotes) : '',
  };
  return stampAll(ctx, person, spec.createdMs);
}

/** How a rep refers to the person in a note: «Анна Сергеевна», "Anna". */
export function spokenName(locale: DemoLocale, name: PersonName): string {
  if (locale.lang === 'en') return name.first;
  return name.full.split(' ').slice(0, 2).join(' ');
}

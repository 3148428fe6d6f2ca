import { describe, expect, it } from 'vitest';
import { generateFollowUps } from '../../../shared/domain/followupRules';
import { book, client, followUp, live, person, programWith, settle } from './book';

const program = programWith((p) => {
  p.rules.no_contact.enabled = false;
});

function personBook(
  birthday: string | null,
  children: { name: string; birthday: string | null }[] = [],
) {
  const c = client();
  const pe = person(c.id, { birthday, children });
  return { c, pe, b: book({ clients: [c], people: [pe] }) };
}

const created = (b: ReturnType<typeof personBook>['b'], today: string, p = program) =>
  generateFollowUps(b, p, today).create.map((f) => [f.ruleKey, f.due]);

describe('birthday greetings', () => {
  it('a person gets a greeting on the day and a reminder N (3) days before', () => {
    const { b, pe } = personBook('1980-03-20');
    expect(created(b, '2025-03-10')).toEqual([
      [`birthday:${pe.id}:2025`, '2025-03-20'],
      [`birthday_before:${pe.id}:2025`, '2025-03-17'],
    ]);
  });

  it('every child gets its own greetings, about the parent person', () => {
    const { b, pe } = personBook(null, [
      { name: 'Маша', birthday: '2015-03-12' },
      { name: 'Петя', birthday: null },
      { name: 'Оля', birthday: '--03-25' },
    ]);
    const diff = generateFollowUps(b, program, '2025-03-10');
    expect(diff.create.map((f) => [f.ruleKey, f.due, f.title, f.subjectId])).toEqual([
      [`birthday_child:${pe.id}:маша:2025`, '2025-03-12', 'Маша', pe.id],
      [`birthday_child_before:${pe.id}:маша:2025`, '2025-03-09', 'Маша', pe.id],
      [`birthday_child:${pe.id}:оля:2025`, '2025-03-25', 'Оля', pe.id],
      [`birthday_child_before:${pe.id}:оля:2025`, '2025-03-22', 'Оля', pe.id],
    ]);
  });

  it('children of one name are told apart by their place among the namesakes, far birthdays or not', () => {
    const { b, pe } = personBook(null, [
      { name: 'Саша', birthday: '2015-08-01' }, // far: no greeting, still the first Саша
      { name: 'Петя', birthday: null },
      { name: ' саша ', birthday: '2017-03-12' },
      { name: 'Саша', birthday: '2019-03-14' },
    ]);
    expect(created(b, '2025-03-10')).toEqual([
      [`birthday_child:${pe.id}:саша~2:2025`, '2025-03-12'],
      [`birthday_child_before:${pe.id}:саша~2:2025`, '2025-03-09'],
      [`birthday_child:${pe.id}:саша~3:2025`, '2025-03-14'],
      [`birthday_child_before:${pe.id}:саша~3:2025`, '2025-03-11'],
    ]);
  });

  it('a year-less birthday works like any other', () => {
    const { b, pe } = personBook('--04-01');
    // The reminder is late but the day is still ahead, so it is worth having.
    expect(created(b, '2025-03-31')).toEqual([
      [`birthday:${pe.id}:2025`, '2025-04-01'],
      [`birthday_before:${pe.id}:2025`, '2025-03-29'],
    ]);
  });

  it('a 29 February birthday is greeted on 28 February in a year without that day', () => {
    const { b, pe } = personBook('1988-02-29');
    expect(created(b, '2025-02-20')).toEqual([
      [`birthday:${pe.id}:2025`, '2025-02-28'],
      [`birthday_before:${pe.id}:2025`, '2025-02-25'],
    ]);
  });

  it('a 29 February birthday stays on the 29th in a leap year', () => {
    const { b, pe } = personBook('--02-29');
    expect(created(b, '2028-02-20')).toEqual([
      [`birthday:${pe.id}:2028`, '2028-02-29'],
      [`birthday_before:${pe.id}:2028`, '2028-02-26'],
    ]);
  });

  it('a reminder before an early-January birthday falls in the old year but belongs to the new one', () => {
    const { b, pe } = personBook('1975-01-02');
    expect(created(b, '2024-12-28')).toEqual([
      [`birthday:${pe.id}:2025`, '2025-01-02'],
      [`birthday_before:${pe.id}:2025`, '2024-12-30'],
    ]);
  });

  it('the reminder ahead is not created once the day has come, the greeting itself is', () => {
    const { b, pe } = personBook('1980-03-20');
    expect(created(b, '2025-03-20')).toEqual([[`birthday:${pe.id}:2025`, '2025-03-20']]);
  });

  it('a greeting missed by a couple of days is still created; a month late it is not', () => {
    const { b, pe } = personBook('1980-03-20');
    expect(created(b, '2025-03-23')).toEqual([[`birthday:${pe.id}:2025`, '2025-03-20']]);
    expect(created(b, '2025-04-20')).toEqual([]);
  });

  it('N = 0 means the day only', () => {
    const { b } = personBook('1980-03-20');
    const dayOnly = programWith((p) => {
      p.rules.no_contact.enabled = false;
      p.rules.birthday.days = 0;
    });
    expect(created(b, '2025-03-10', dayOnly)).toHaveLength(1);
  });

  it("greeting this year does not mark next year's greeting done", () => {
    const { b, pe } = personBook('1980-03-20');
    const once = settle(b, '2025-03-20', program);
    const marked = {
      ...once,
      followUps: once.followUps.map((f) => ({ ...f, status: 'done' as const })),
    };
    expect(created(marked, '2026-03-15')).toEqual([
      [`birthday:${pe.id}:2026`, '2026-03-20'],
      [`birthday_before:${pe.id}:2026`, '2026-03-17'],
    ]);
  });

  it('editing a birthday moves its open greeting; an open one from an earlier year has lapsed', () => {
    const { b, pe, c } = personBook('1980-03-20');
    const older = followUp(c.id, {
      kind: 'birthday',
      ruleKey: `birthday:${pe.id}:2023`,
      due: '2023-03-20',
      subjectId: pe.id,
      title: pe.name,
    });
    const once = settle({ ...b, followUps: [older] }, '2025-03-10', program);
    // Two years late a greeting is no kindness: it lapsed (removed), it is not "overdue".
    expect(once.followUps.find((f) => f.id === older.id)?.deletedAt).not.toBeNull();
    const edited = { ...once, people: [{ ...pe, birthday: '1980-03-22' }] };
    const diff = generateFollowUps(edited, program, '2025-03-10');
    expect(diff.update.map((u) => [u.ruleKey, u.changes.due]).sort()).toEqual([
      [`birthday:${pe.id}:2025`, '2025-03-22'],
      [`birthday_before:${pe.id}:2025`, '2025-03-19'],
    ]);
    expect(diff.create).toEqual([]);
  });

  it('clearing a birthday or deleting the person removes open greetings but keeps done ones', () => {
    const { b, pe } = personBook('1980-03-20');
    const once = settle(b, '2025-03-10', program);
    const first = live(once)[0];
    if (!first) throw new Error('expected greetings');
    const withDone = {
      ...once,
      followUps: once.followUps.map((f) =>
        f.id === first.id ? { ...f, status: 'done' as const } : f,
      ),
    };
    const cleared = { ...withDone, people: [{ ...pe, birthday: null }] };
    const deleted = { ...withDone, people: [{ ...pe, deletedAt: '2025-03-10T10:00:00+03:00' }] };
    for (const after of [cleared, deleted]) {
      const diff = generateFollowUps(after, program, '2025-03-10');
      expect(diff.remove).toHaveLength(1);
      expect(diff.remove[0]?.id).not.toBe(first.id);
    }
  });

  it('reordering or removing a child never hands its greeting to a sibling', () => {
    const { b, pe } = personBook(null, [
      { name: 'Маша', birthday: '2015-03-12' },
      { name: 'Оля', birthday: '2018-03-25' },
    ]);
    const once = settle(b, '2025-03-10', program);
    const reordered = { ...once, people: [{ ...pe, children: [...pe.children].reverse() }] };
    expect(generateFollowUps(reordered, program, '2025-03-10')).toEqual({
      create: [],
      update: [],
      remove: [],
      close: [],
    });
    const masha = pe.children[0];
    if (!masha) throw new Error('expected a child');
    const onlyMasha = { ...once, people: [{ ...pe, children: [masha] }] };
    const diff = generateFollowUps(onlyMasha, program, '2025-03-10');
    expect(diff.remove.map((r) => r.ruleKey)).toEqual([
      `birthday_child:${pe.id}:оля:2025`,
      `birthday_child_before:${pe.id}:оля:2025`,
    ]);
  });

  it('no greeting falls before the year after the birth', () => {
    const { b } = personBook(null, [{ name: 'Малыш', birthday: '2025-03-12' }]);
    expect(created(b, '2025-03-10')).toEqual([]);
  });

  it('turning the rule off removes open greetings, done ones stay', () => {
    const { b } = personBook('1980-03-20');
    const once = settle(b, '2025-03-10', program);
    const off = programWith((p) => {
      p.rules.no_contact.enabled = false;
      p.rules.birthday.enabled = false;
    });
    const diff = generateFollowUps(once, off, '2025-03-10');
    expect(diff.remove.map((r) => r.reason)).toEqual(['rule_off', 'rule_off']);
  });
});

describe('time zones and DST do not shift a birthday', () => {
  // DST switches: America/New_York 2025-03-09 and 2025-11-02; Europe/Moscow had its last
  // switches on 2011-03-27 and 2014-10-26 (and every last Sunday of March/October before).
  const cases: [string, string, string, string][] = [
    ['--03-09', '2025-03-01', '2025-03-09', '2025-03-06'],
    ['--03-10', '2025-03-01', '2025-03-10', '2025-03-07'],
    ['--11-02', '2025-10-30', '2025-11-02', '2025-10-30'],
    ['--11-03', '2025-10-30', '2025-11-03', '2025-10-31'],
    ['--03-27', '2011-03-20', '2011-03-27', '2011-03-24'],
    ['--03-29', '2011-03-20', '2011-03-29', '2011-03-26'],
    ['--10-26', '2014-10-20', '2014-10-26', '2014-10-23'],
    ['--10-27', '2014-10-20', '2014-10-27', '2014-10-24'],
  ];

  it.each(cases)(
    'birthday %s seen on %s: greeting %s, reminder %s',
    (birthday, today, day, before) => {
      const { b } = personBook(birthday);
      expect(created(b, today).map(([, due]) => due)).toEqual([day, before]);
    },
  );

  it('the same book gives the same follow-ups whether the machine is in Moscow or New York', () => {
    const saved = process.env.TZ;
    const run = (tz: string) => {
      process.env.TZ = tz;
      const offset = new Date(2025, 0, 1).getTimezoneOffset();
      return {
        offset,
        result: cases.map(([birthday, today]) =>
          created(personBook(birthday).b, today).map(([, d]) => d),
        ),
      };
    };
    try {
      const moscow = run('Europe/Moscow');
      const newYork = run('America/New_York');
      // The zone switch really happened in this process, so the comparison below means something.
      expect(moscow.offset).toBe(-180);
      expect(newYork.offset).toBe(300);
      expect(newYork.result).toEqual(moscow.result);
      expect(moscow.result).toEqual(cases.map(([, , day, before]) => [day, before]));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

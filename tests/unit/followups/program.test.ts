import { describe, expect, it } from 'vitest';
import { ChecklistTemplateSchema } from '../../../shared/domain';
import {
  DEFAULT_PROGRAM,
  PROGRAM_RULE_KINDS,
  ProgramSchema,
  currentProgram,
  parseProgram,
  programFromTemplate,
} from '../../../shared/domain/program';
import { PROGRAM_TEMPLATE, builtinTemplate, programSteps } from '../../../shared/domain/templates';

describe('the management program', () => {
  it('has a rule for every generated follow-up kind, all on, with the documented N', () => {
    expect(ProgramSchema.parse(DEFAULT_PROGRAM)).toEqual(DEFAULT_PROGRAM);
    expect(Object.keys(DEFAULT_PROGRAM.rules).sort()).toEqual([...PROGRAM_RULE_KINDS].sort());
    expect(PROGRAM_RULE_KINDS.every((k) => DEFAULT_PROGRAM.rules[k].enabled)).toBe(true);
    expect(DEFAULT_PROGRAM.rules.satisfaction_check.days).toBe(30);
    expect(DEFAULT_PROGRAM.rules.delivery_check.days).toBe(0);
  });

  it('a broken or partial program falls back to defaults and clamps N into range', () => {
    expect(parseProgram(null)).toEqual(DEFAULT_PROGRAM);
    const p = parseProgram({
      rules: {
        birthday: { days: 999 },
        post_sale_visit: { enabled: false, days: -3 },
        no_contact: { days: 50 },
      },
      horizon: { aheadDays: 'x' },
    });
    expect(p.rules.birthday).toEqual({ enabled: true, days: 30 });
    expect(p.rules.post_sale_visit).toEqual({ enabled: false, days: 1 });
    expect(p.rules.no_contact.days).toBe(0);
    expect(p.horizon.aheadDays).toBe(DEFAULT_PROGRAM.horizon.aheadDays);
    expect(ProgramSchema.safeParse(p).success).toBe(true);
  });

  it('the built-in program template reads back as the default program', () => {
    expect(ChecklistTemplateSchema.safeParse(PROGRAM_TEMPLATE).success).toBe(true);
    expect(programFromTemplate(PROGRAM_TEMPLATE)).toEqual(DEFAULT_PROGRAM);
  });

  it("a manager's newer version is the program in force", () => {
    const changed = structuredClone(DEFAULT_PROGRAM);
    changed.rules.post_sale_visit.days = 14;
    changed.rules.birthday.enabled = false;
    changed.horizon.aheadDays = 10;
    const v2 = builtinTemplate({
      serial: 999,
      key: 'post_sale_program',
      version: 2,
      purpose: 'program',
      title: PROGRAM_TEMPLATE.title,
      steps: programSteps(changed),
    });
    expect(currentProgram([PROGRAM_TEMPLATE, v2])).toEqual(changed);
    expect(currentProgram([{ ...v2, publishedAt: null }, PROGRAM_TEMPLATE])).toEqual(
      DEFAULT_PROGRAM,
    );
    expect(currentProgram([])).toEqual(DEFAULT_PROGRAM);
  });

  it('a template that is not a program reads as the default program', () => {
    expect(programFromTemplate({ purpose: 'closing', steps: PROGRAM_TEMPLATE.steps })).toEqual(
      DEFAULT_PROGRAM,
    );
  });
});

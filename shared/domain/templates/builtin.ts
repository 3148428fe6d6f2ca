import type { ChecklistStepSchema, ChecklistTemplate, LocalizedText } from '../checklist';
import type { z } from 'zod';

/**
 * Built-in templates ship with the app, so every device must call them by the same id: ids are
 * constants shaped like UUIDv7 (time part 2025-01-01T00:00Z, version 7, variant 8), the serial in
 * the last group. A new built-in version takes a new serial; a serial is never reused.
 */
const BUILTIN_TIME_HEX = '01941f297c00';
const BUILTIN_CREATED_AT = '2025-01-01T00:00:00.000Z';
const BUILTIN_OWNER = 'builtin';
/** The clock stamp of every field of a built-in: older than anything a device can write. */
const BUILTIN_STAMP = '001735689600000-0000-0000000000000000';

export function builtinId(serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 0xffffffffffff)
    throw new RangeError('serial');
  const t = BUILTIN_TIME_HEX;
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7000-8000-${serial.toString(16).padStart(12, '0')}`;
}

/** Text in both languages; Russian first, as the reps read it. */
export function text(ru: string, en: string): LocalizedText {
  return { ru, en };
}

type Step = z.infer<typeof ChecklistStepSchema>;

export function builtinTemplate(args: {
  serial: number;
  key: string;
  version: number;
  purpose: ChecklistTemplate['purpose'];
  title: LocalizedText;
  steps: Step[];
}): ChecklistTemplate {
  const fields = {
    key: args.key,
    version: args.version,
    purpose: args.purpose,
    title: args.title,
    steps: args.steps,
  };
  const stamps = Object.fromEntries(
    [...Object.keys(fields), 'publishedAt', 'deletedAt'].map((name) => [name, BUILTIN_STAMP]),
  );
  return {
    id: builtinId(args.serial),
    ownerId: BUILTIN_OWNER,
    createdAt: BUILTIN_CREATED_AT,
    updatedAt: BUILTIN_CREATED_AT,
    deletedAt: null,
    stamps,
    serverVersion: 0,
    ...fields,
    publishedAt: BUILTIN_CREATED_AT,
  };
}

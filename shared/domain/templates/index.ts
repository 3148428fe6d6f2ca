import type { ChecklistTemplate } from '../checklist';
import { CLOSING_TEMPLATE } from './closing';
import { POST_SALE_TEMPLATE } from './postSale';
import { CONTACT_LOG_TEMPLATE } from './contactLog';
import { PROGRAM_TEMPLATE } from './program';

export * from './builtin';
export * from './closingSignals';
export * from './closingMethods';
export * from './closing';
export * from './postSale';
export * from './contactLog';
export * from './program';

/** Templates every device has from the first start, under the same ids. */
export const BUILTIN_TEMPLATES: readonly ChecklistTemplate[] = [
  CLOSING_TEMPLATE,
  POST_SALE_TEMPLATE,
  CONTACT_LOG_TEMPLATE,
  PROGRAM_TEMPLATE,
];

/**
 * The templates in force on a device: the built-ins plus the stored (published, synced) ones; a
 * stored record with a built-in's id wins. Built-ins are never written to the database.
 */
export function mergeTemplates(stored: readonly ChecklistTemplate[]): ChecklistTemplate[] {
  const ids = new Set(stored.map((t) => t.id));
  return [...BUILTIN_TEMPLATES.filter((t) => !ids.has(t.id)), ...stored];
}

/**
 * The version of `key` a new run should use: the highest published, not deleted version present.
 * A run keeps the id and version it started with, so old visits still read with their own template.
 */
export function latestTemplate(
  templates: readonly ChecklistTemplate[],
  key: string,
): ChecklistTemplate | null {
  let best: ChecklistTemplate | null = null;
  for (const t of templates) {
    if (t.key !== key || t.deletedAt !== null || t.publishedAt === null) continue;
    if (!best || t.version > best.version) best = t;
  }
  return best;
}

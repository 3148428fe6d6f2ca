import type { TFunction } from 'i18next';
import { formatDate } from '../../i18n/dates';

/** A conflicting value as the rep reads it; `field` decides how a timestamp is said. */
export function formatConflictValue(
  field: string,
  value: unknown,
  t: TFunction,
  language: string,
): string {
  if (field === 'deletedAt') {
    if (typeof value !== 'string') return t('sync.conflicts.notDeleted');
    return t('sync.conflicts.deleted', { when: formatWhen(value, language) });
  }
  if (value === null || value === undefined || value === '') return t('sync.conflicts.empty');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value, null, 1);
}

export function formatWhen(iso: string | number, language: string): string {
  return formatDate(iso, 'withTime', language);
}

export function fieldLabel(field: string, t: TFunction): string {
  return t(`sync.fields.${field}`, { defaultValue: field });
}

/** The record's own name where it has one, so the rep recognises it. */
export function recordTitle(record: Record<string, unknown> | undefined, language: string): string {
  if (!record) return '';
  if (typeof record.name === 'string' && record.name) return record.name;
  const title = record.title;
  if (title && typeof title === 'object') {
    const text = (title as Record<string, unknown>)[language];
    if (typeof text === 'string') return text;
  }
  if (typeof title === 'string') return title;
  for (const key of ['text', 'summary', 'description', 'notes']) {
    const text = record[key];
    if (typeof text === 'string' && text.trim()) return text.trim().split('\n')[0]!.slice(0, 80);
  }
  return '';
}

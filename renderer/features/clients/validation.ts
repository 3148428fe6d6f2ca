/**
 * Form checks that help the rep without blocking work: a missing name stops the save, a doubtful
 * e-mail or phone only warns (the rep may be mid-conversation and fix it later).
 */
import { readCadenceDays } from '../../../shared/domain/cadence';

export interface FormIssues {
  errors: Partial<Record<'name' | 'cadence', string>>;
  warnings: Partial<Record<'email' | 'phone', string>>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function checkClientForm(values: {
  name: string;
  email: string;
  phone: string;
  cadence: string;
}): FormIssues {
  const issues: FormIssues = { errors: {}, warnings: {} };
  if (values.name.trim() === '') issues.errors.name = 'clients.errors.nameRequired';
  if (readCadenceDays(values.cadence) === 'invalid')
    issues.errors.cadence = 'clients.errors.cadenceInvalid';
  if (values.email.trim() !== '' && !EMAIL.test(values.email.trim()))
    issues.warnings.email = 'clients.errors.emailInvalid';
  if (values.phone.trim() !== '' && values.phone.replace(/\D/g, '').length < 5)
    issues.warnings.phone = 'clients.errors.phoneInvalid';
  return issues;
}

/** A doubtful phone or e-mail in a person's channels: an i18n key to warn with, or null. */
export function channelWarning(kind: string, value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  if (kind === 'email' && !EMAIL.test(v)) return 'clients.errors.emailInvalid';
  if (kind === 'phone' && v.replace(/\D/g, '').length < 5) return 'clients.errors.phoneInvalid';
  return null;
}

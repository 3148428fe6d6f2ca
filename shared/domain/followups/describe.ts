import type { FollowUp } from '../followup';
import { PROGRAM_RULE_KINDS } from '../program';

/** Rule keys whose first part names a variant with its own wording: every rule, and the birthday's. */
const VARIANTS = new Set<string>([
  ...PROGRAM_RULE_KINDS,
  'birthday_before',
  'birthday_child',
  'birthday_child_before',
]);

export interface FollowUpDescription {
  /** i18n key under `followups.rule.`; the UI translates it with `params`. */
  key: string;
  params: { name: string };
}

/**
 * How the UI words a follow-up in the rep's language. The stored title holds only a name (the
 * person, child, client, purchase, problem or plan action), so switching language rewords every
 * generated follow-up without touching the records.
 */
export function describeFollowUp(
  f: Pick<FollowUp, 'kind' | 'ruleKey' | 'title'>,
): FollowUpDescription {
  const prefix = f.ruleKey?.slice(0, f.ruleKey.indexOf(':')) ?? '';
  const variant = VARIANTS.has(prefix) ? prefix : f.kind;
  return { key: `followups.rule.${variant}`, params: { name: f.title } };
}

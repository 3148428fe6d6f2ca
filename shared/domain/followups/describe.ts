import type { FollowUp } from '../followup';

/** Rule keys whose first part names a variant with its own wording. */
const VARIANTS = new Set([
  'delivery_check',
  'installation_check',
  'training_check',
  'payment_check',
  'post_sale_visit',
  'satisfaction_check',
  'birthday',
  'birthday_before',
  'birthday_child',
  'birthday_child_before',
  'no_contact',
  'problem_due',
  'retention_action',
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

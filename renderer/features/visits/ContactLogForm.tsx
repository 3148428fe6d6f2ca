/**
 * Quick entry of a post-sale contact (the five kinds plus a proactive notice, by channel), drawn
 * from the contact-log template so management's wording and required items apply here too.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer, ContactType } from '../../../shared/domain';
import { itemApplies, validateRun } from '../../../shared/domain/checklistRun';
import { CONTACT_ITEMS, contactFromAnswers } from '../../../shared/domain/templates';
import { useRepository } from '../../data/DataContext';
import { FormFooter } from '../../ui/FormFooter';
import { logContact } from './data/contactLog';
import { useContactLogSetup } from './data/useVisitReads';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { ChecklistItemField } from './ChecklistItemField';

export interface ContactPreset {
  type?: ContactType;
  channel?: string;
}

export function ContactLogForm(props: {
  clientId: string;
  preset?: ContactPreset;
  /** Put the focus on the form's first control when it opens (opened from a button). */
  focusFirst?: boolean;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const repo = useRepository();
  const [answers, setAnswers] = useState<Record<string, Answer>>(() => ({
    ...(props.preset?.type ? { [CONTACT_ITEMS.type]: props.preset.type } : {}),
    [CONTACT_ITEMS.channel]: props.preset?.channel ?? 'phone',
  }));
  const [personId, setPersonId] = useState('');
  const [showMissing, setShowMissing] = useState(false);
  const { busy, error, fail, run } = useAction((e) =>
    t('visits.contact.failed', { reason: (e as Error).message }),
  );
  const data = useContactLogSetup(props.clientId);
  const formRef = useRef<HTMLFormElement>(null);
  const ready = Boolean(data?.template);
  const { focusFirst } = props;
  useEffect(() => {
    if (ready && focusFirst)
      formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [ready, focusFirst]);
  if (!data?.template) return null;
  const { template, people } = data;
  const validation = validateRun(template, answers);
  const missing = new Set(showMissing ? validation.steps.flatMap((s) => s.missing) : []);

  const save = async () => {
    if (busy) return;
    const fields = contactFromAnswers(answers as Record<string, Answer>);
    if (!validation.complete || !fields) {
      setShowMissing(true);
      fail(t('visits.contact.missing'));
      return;
    }
    await run(async () => {
      await logContact(repo, { ...fields, clientId: props.clientId, personId: personId || null });
      props.onSaved();
    });
  };

  return (
    <form
      ref={formRef}
      className="contact-form"
      aria-labelledby={`${ids}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id={`${ids}-title`}>{t('visits.contact.title')}</h3>
      {template.steps.map((step) =>
        step.items
          .filter((item) => itemApplies(item, answers))
          .map((item) => (
            <ChecklistItemField
              key={item.key}
              idPrefix={`${ids}-${step.key}`}
              item={item}
              value={answers[item.key]}
              missing={missing.has(item.key)}
              onChange={(value) => setAnswers((a) => ({ ...a, [item.key]: value }))}
            />
          )),
      )}
      {people.length > 0 && (
        <Field id={`${ids}-person`} label={t('visits.contact.person')}>
          {(control) => (
            <select {...control} value={personId} onChange={(e) => setPersonId(e.target.value)}>
              <option value="">—</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <FormFooter
        error={error}
        saving={busy}
        saveLabel={t('visits.contact.save')}
        onCancel={props.onCancel}
      />
    </form>
  );
}

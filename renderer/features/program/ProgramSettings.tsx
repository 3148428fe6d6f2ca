/**
 * Settings section for the post-sale program: everyone sees the rules in force. Who may edit and
 * publish comes from the account (data/useProgramRole.ts): a signed-in manager, or a rep working
 * alone on this device; a signed-in rep reads the company's program and has no control to change it.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../shared/domain';
import { currentProgram, PROGRAM_RULE_KINDS, PROGRAM_RULES } from '../../../shared/domain/program';
import { PROGRAM_RULE_TITLES } from '../../../shared/domain/templates';
import { templateForPurpose } from './data/checklistTemplates';
import { useTemplates } from './data/useTemplates';
import { useLocalized } from '../../i18n/localize';
import { useProgramRole, useUnpublishedTemplates } from './data/useProgramRole';
import { ProgramEditor } from './ProgramEditor';
import { TemplateEditor } from './TemplateEditor';
import '../../ui/checklistItems.css';
import './programSettings.css';

const EDITABLE: ChecklistTemplate['purpose'][] = ['closing', 'post_sale', 'contact_log'];

export function ProgramSettings() {
  const { t } = useTranslation();
  const pick = useLocalized();
  const ids = useId();
  const role = useProgramRole();
  const unpublished = useUnpublishedTemplates();
  const [purpose, setPurpose] = useState<ChecklistTemplate['purpose']>('closing');
  const templates = useTemplates();
  if (!templates || !role) return null;
  const mayPublish = role !== 'rep';
  const program = currentProgram(templates);
  const programTemplate = templateForPurpose(templates, 'program');
  const editing = templateForPurpose(templates, purpose);

  return (
    <section className="program-settings" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('program.title')}</h2>
      <p className="muted">{t('program.intro')}</p>
      <h3 id={`${ids}-rules`}>{t('program.rules')}</h3>
      <ul className="rules-summary" aria-labelledby={`${ids}-rules`}>
        {PROGRAM_RULE_KINDS.map((kind) => {
          const rule = program.rules[kind];
          const days = PROGRAM_RULES[kind].days !== null && rule.enabled;
          return (
            <li key={kind}>
              {pick(PROGRAM_RULE_TITLES[kind])}:{' '}
              <strong>{rule.enabled ? t('program.on') : t('program.off')}</strong>
              {days && `, ${t('program.days', { days: rule.days })}`}
            </li>
          );
        })}
      </ul>
      <p className="hint" role="note">
        {t(`program.role.${role}`)}
      </p>
      {!mayPublish && unpublished !== undefined && unpublished.length > 0 && (
        <p className="hint">{t('program.unpublishedKept', { count: unpublished.length })}</p>
      )}
      {mayPublish && (
        <>
          <p className="hint">{t('program.managerHint')}</p>
          {programTemplate && (
            <ProgramEditor
              key={`${programTemplate.id}`}
              template={programTemplate}
              program={program}
            />
          )}
          <h3>{t('program.editor.title')}</h3>
          <div className="field">
            <label htmlFor={`${ids}-template`}>{t('program.editor.template')}</label>
            <select
              id={`${ids}-template`}
              value={purpose}
              onChange={(e) => setPurpose(e.target.value as ChecklistTemplate['purpose'])}
            >
              {EDITABLE.map((p) => {
                const tpl = templateForPurpose(templates, p);
                return (
                  tpl && (
                    <option key={p} value={p}>
                      {pick(tpl.title)} ({t('program.version', { version: tpl.version })})
                    </option>
                  )
                );
              })}
            </select>
          </div>
          {editing && (
            <TemplateEditor
              key={editing.id}
              template={editing}
              unpublished={unpublished?.find((d) => d.key === editing.key)}
            />
          )}
        </>
      )}
    </section>
  );
}

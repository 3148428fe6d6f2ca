/**
 * Settings section for the post-sale program: every rep sees the rules in force; behind the
 * manager switch, the program and the checklists can be edited and published as new versions.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../shared/domain';
import { currentProgram, PROGRAM_RULE_KINDS, PROGRAM_RULES } from '../../../shared/domain/program';
import { PROGRAM_RULE_TITLES } from '../../../shared/domain/templates';
import { templateForPurpose } from './data/checklistTemplates';
import { useTemplates } from './data/useTemplates';
import { useLocalized } from '../../i18n/localize';
import { useManagerMode } from './managerMode';
import { ProgramEditor } from './ProgramEditor';
import { TemplateEditor } from './TemplateEditor';
import '../../ui/checklistItems.css';
import './programSettings.css';

const EDITABLE: ChecklistTemplate['purpose'][] = ['closing', 'post_sale', 'contact_log'];

export function ProgramSettings() {
  const { t } = useTranslation();
  const pick = useLocalized();
  const ids = useId();
  const { on: managerMode, set: setManagerMode } = useManagerMode();
  const [purpose, setPurpose] = useState<ChecklistTemplate['purpose']>('closing');
  const templates = useTemplates();
  if (!templates) return null;
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
      <label className="inline-check manager-switch">
        <input
          type="checkbox"
          checked={managerMode}
          onChange={(e) => setManagerMode(e.target.checked)}
        />
        {t('program.managerMode')}
      </label>
      {managerMode && (
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
          {editing && <TemplateEditor key={editing.id} template={editing} />}
        </>
      )}
    </section>
  );
}

/** The management program's rules (on/off and their N) and planning horizon, published as a new version. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../shared/domain';
import {
  HORIZON_LIMITS,
  PROGRAM_RULE_KINDS,
  PROGRAM_RULES,
  type Program,
} from '../../../shared/domain/program';
import { PROGRAM_RULE_TITLES, programSteps } from '../../../shared/domain/templates';
import { useRepository } from '../../data/DataContext';
import { publishTemplateVersion } from './data/checklistTemplates';
import { useToasts } from '../../store/toasts';
import { useLocalized } from '../../i18n/localize';

/**
 * A whole number of days. The text is the rep's while typing (clearing the field to type "10" must
 * not turn into "110"); the value changes only when the text is a number in range.
 */
function DaysInput(props: {
  id?: string;
  value: number;
  min: number;
  max: number;
  disabled?: boolean;
  onValue: (value: number) => void;
}) {
  const [text, setText] = useState(String(props.value));
  return (
    <input
      id={props.id}
      className="input-edge"
      type="number"
      min={props.min}
      max={props.max}
      value={text}
      disabled={props.disabled}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value !== '' && Number.isInteger(n) && n >= props.min && n <= props.max)
          props.onValue(n);
      }}
      onBlur={() => setText(String(props.value))}
    />
  );
}

export function ProgramEditor({
  template,
  program,
}: {
  template: ChecklistTemplate;
  program: Program;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const ids = useId();
  const [edited, setEdited] = useState<Program>(program);

  const publish = async () => {
    try {
      const published = await publishTemplateVersion(repo, template, {
        title: template.title,
        steps: programSteps(edited),
      });
      toast(t('program.program.published', { version: published.version }));
    } catch (e) {
      toast(t('program.editor.failed', { reason: (e as Error).message }), 'error');
    }
  };

  return (
    <section className="program-editor" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>
        {t('program.program.title')}{' '}
        <span className="muted">{t('program.version', { version: template.version })}</span>
      </h3>
      <table className="rules-table">
        <tbody>
          {PROGRAM_RULE_KINDS.map((kind) => {
            const info = PROGRAM_RULES[kind];
            const rule = edited.rules[kind];
            const set = (patch: Partial<typeof rule>) =>
              setEdited((d) => ({ ...d, rules: { ...d.rules, [kind]: { ...rule, ...patch } } }));
            return (
              <tr key={kind}>
                <th scope="row">{pick(PROGRAM_RULE_TITLES[kind])}</th>
                <td>
                  <label className="inline-check">
                    <input
                      type="checkbox"
                      checked={rule.enabled}
                      onChange={(e) => set({ enabled: e.target.checked })}
                    />
                    {t('program.program.enabled')}
                  </label>
                </td>
                <td>
                  {info.days !== null && (
                    <label className="days-input">
                      <span className="sr-only">
                        {pick(PROGRAM_RULE_TITLES[kind])}: {t('program.program.days')}
                      </span>
                      <DaysInput
                        min={info.min}
                        max={info.max}
                        value={rule.days}
                        disabled={!rule.enabled}
                        onValue={(days) => set({ days })}
                      />
                      <span aria-hidden="true">{t('program.program.days')}</span>
                    </label>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="field-row">
        {(['aheadDays', 'pastDays'] as const).map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`${ids}-${key}`}>{t(`program.program.${key}`)}</label>
            <DaysInput
              id={`${ids}-${key}`}
              min={HORIZON_LIMITS[key].min}
              max={HORIZON_LIMITS[key].max}
              value={edited.horizon[key]}
              onValue={(value) =>
                setEdited((d) => ({ ...d, horizon: { ...d.horizon, [key]: value } }))
              }
            />
          </div>
        ))}
      </div>
      <button type="button" className="primary" onClick={() => void publish()}>
        {t('program.program.publish')}
      </button>
    </section>
  );
}

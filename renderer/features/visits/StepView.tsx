/**
 * One step of the visit: its title, help and items, plus the aids that belong to it (closing
 * method suggestions, the sale, problems and referrals editors), found by the item keys the logic
 * reads, so a manager's own template with the same keys gets them too.
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../shared/domain';
import { chosen, itemApplies } from '../../../shared/domain/checklistRun';
import { CLOSING_ITEMS, POST_SALE_ITEMS } from '../../../shared/domain/templates';
import { ChecklistItemField } from './ChecklistItemField';
import { MethodSuggestions } from './ReadinessPanel';
import { ProblemsEditor, ReferralsEditor, SaleEditor } from './ExtrasEditors';
import { useLocalized } from '../../i18n/localize';
import type { Benefit } from './PromiseRealityRows';
import { REMARKS_OPTION, remarksKey } from './visitRecord';
import type { Answers } from './data/useVisitEditor';
import type { Answer } from '../../../shared/domain';

type Step = ChecklistTemplate['steps'][number];

export function StepView(props: {
  step: Step;
  index: number;
  total: number;
  answers: Answers;
  benefits: readonly Benefit[];
  noPurchase?: boolean;
  missing: ReadonlySet<string>;
  onAnswer: (key: string, value: Answer) => void;
  onAnswers: (next: Answers) => void;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { step, answers } = props;
  const has = (key: string) => step.items.some((i) => i.key === key);
  const extras = {
    suggestions: has(CLOSING_ITEMS.method),
    sale: has(CLOSING_ITEMS.outcome) && chosen(answers[CLOSING_ITEMS.outcome])[0] === 'won',
    problems: has(POST_SALE_ITEMS.problemsFound) && answers[POST_SALE_ITEMS.problemsFound] === true,
    referrals:
      has(POST_SALE_ITEMS.referrals) && chosen(answers[POST_SALE_ITEMS.referrals])[0] === 'given',
  };

  return (
    <section className="step-view" aria-labelledby={`step-${step.key}-title`}>
      <p className="muted step-counter">
        {t('visits.mode.step', { n: props.index + 1, total: props.total })}
      </p>
      <h2 id={`step-${step.key}-title`} tabIndex={-1}>
        {pick(step.title)}
      </h2>
      {step.help && <p className="step-help">{pick(step.help)}</p>}
      {extras.suggestions && <MethodSuggestions answers={answers} onChoose={props.onAnswer} />}
      {step.items
        .filter((item) => itemApplies(item, answers))
        .map((item) => (
          <Fragment key={item.key}>
            <ChecklistItemField
              idPrefix={`v-${step.key}`}
              item={item}
              value={answers[item.key]}
              benefits={props.benefits}
              noPurchase={props.noPurchase}
              missing={props.missing.has(item.key)}
              onChange={(value) => props.onAnswer(item.key, value)}
            />
            {item.type === 'choice' &&
              chosen(answers[item.key]).includes(REMARKS_OPTION) &&
              item.options.some((o) => o.key === REMARKS_OPTION) && (
                <div className="field item-remarks">
                  <label htmlFor={`v-${step.key}-${remarksKey(item.key)}`}>
                    {t('visits.item.remarks', { item: pick(item.label) })}
                  </label>
                  <textarea
                    id={`v-${step.key}-${remarksKey(item.key)}`}
                    rows={2}
                    value={
                      typeof answers[remarksKey(item.key)] === 'string'
                        ? (answers[remarksKey(item.key)] as string)
                        : ''
                    }
                    onChange={(e) => props.onAnswer(remarksKey(item.key), e.target.value)}
                  />
                </div>
              )}
          </Fragment>
        ))}
      {extras.sale && <SaleEditor answers={answers} onAnswers={props.onAnswers} />}
      {extras.problems && <ProblemsEditor answers={answers} onAnswers={props.onAnswers} />}
      {extras.referrals && <ReferralsEditor answers={answers} onAnswers={props.onAnswers} />}
    </section>
  );
}

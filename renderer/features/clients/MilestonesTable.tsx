import { useTranslation } from 'react-i18next';
import type { Milestone } from '../../../shared/domain';
import { MILESTONES, type PurchaseFormDraft } from './purchaseDraft';

type Milestones = PurchaseFormDraft['milestones'];

/** Delivery, installation, training and payment: a due date and a done date each. */
export function MilestonesTable({
  milestones,
  onChange,
}: {
  milestones: Milestones;
  onChange: (milestones: Milestones) => void;
}) {
  const { t } = useTranslation();
  const setMilestone = (key: (typeof MILESTONES)[number], part: keyof Milestone, value: string) =>
    onChange({ ...milestones, [key]: { ...milestones[key], [part]: value } });
  const draft = { milestones };
  return (
    <table className="milestones">
      <thead>
        <tr>
          <th scope="col">{t('clients.purchases.step')}</th>
          <th scope="col">{t('clients.purchases.due')}</th>
          <th scope="col">{t('clients.purchases.done')}</th>
        </tr>
      </thead>
      <tbody>
        {MILESTONES.map((m) => (
          <tr key={m}>
            <th scope="row">{t(`clients.purchases.milestone.${m}`)}</th>
            <td>
              <input
                type="date"
                aria-label={t('clients.purchases.dueOf', {
                  step: t(`clients.purchases.milestone.${m}`),
                })}
                value={draft.milestones[m].due ?? ''}
                onChange={(e) => setMilestone(m, 'due', e.target.value)}
              />
            </td>
            <td>
              <input
                type="date"
                aria-label={t('clients.purchases.doneOf', {
                  step: t(`clients.purchases.milestone.${m}`),
                })}
                value={draft.milestones[m].done ?? ''}
                onChange={(e) => setMilestone(m, 'done', e.target.value)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useTranslation } from 'react-i18next';
import type { Milestone } from '../../../shared/domain';
import { MILESTONES, type PurchaseFormValues } from './purchaseFormValues';

type Milestones = PurchaseFormValues['milestones'];

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
                value={milestones[m].due ?? ''}
                onChange={(e) => setMilestone(m, 'due', e.target.value)}
              />
            </td>
            <td>
              <input
                type="date"
                aria-label={t('clients.purchases.doneOf', {
                  step: t(`clients.purchases.milestone.${m}`),
                })}
                value={milestones[m].done ?? ''}
                onChange={(e) => setMilestone(m, 'done', e.target.value)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

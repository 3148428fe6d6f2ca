/**
 * One follow-up in the agenda with what the rep can do about it: the action that fits its kind
 * (start the post-sale visit, continue the deal, log a contact, open the client), done, snooze
 * (a day, a week, a chosen date) and reschedule.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactType, FollowUp } from '../../../shared/domain';
import { CONTACT_ANSWERS } from '../../../shared/domain/followupRules';
import { followUpTitle } from './followUpTitle';
import { daysBetween } from '../../../shared/domain/followups/days';
import { useRepository } from '../../data/DataContext';
import { navigate } from '../../store/router';
import {
  MILESTONE_OF,
  markFollowUpDone,
  rescheduleFollowUp,
  snoozeDay,
  snoozeFollowUp,
} from './data/followUps';
import { startVisit } from '../visits';
import { useToasts } from '../../store/toasts';
import { ContactLogForm } from '../visits';
import { useFormatDate } from '../../i18n/dates';
import type { AgendaEntry } from './agendaGroups';
import { requestFollowUpRefresh } from './data/followUpKeeper';

type Primary = 'post_sale' | 'closing' | 'contact' | 'client';

const PRIMARY: Record<FollowUp['kind'], Primary> = {
  delivery_check: 'contact',
  installation_check: 'contact',
  training_check: 'contact',
  payment_check: 'contact',
  post_sale_visit: 'post_sale',
  satisfaction_check: 'contact',
  birthday: 'contact',
  no_contact: 'contact',
  problem_due: 'client',
  retention_action: 'client',
  custom: 'closing',
};

/**
 * The kind of contact a follow-up usually leads to (the rep can change it in the form): the one
 * that answers it (shared/domain/followups/contactFacts.ts), else a call of the rep's own.
 */
function contactTypeFor(kind: FollowUp['kind']): ContactType {
  return CONTACT_ANSWERS[kind]?.[0] ?? 'seller_initiated';
}

/** Logging the contact is the whole task for these; milestone checks still need their own "done". */
const CONTACT_COMPLETES = new Set<FollowUp['kind']>([
  'birthday',
  'satisfaction_check',
  'no_contact',
]);

type Panel = 'none' | 'contact' | 'snooze' | 'date';

export function AgendaItem({ entry, today }: { entry: AgendaEntry; today: string }) {
  const { t, i18n } = useTranslation();
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const formatDate = useFormatDate();
  const ids = useId();
  const [panel, setPanel] = useState<Panel>('none');
  const [date, setDate] = useState(entry.day > today ? entry.day : snoozeDay(today, '1d'));
  const f = entry.followUp;
  const title = followUpTitle(
    f,
    t,
    i18n.language,
    entry.person ? [entry.person] : [],
    entry.clientName,
  );
  const primary = PRIMARY[f.kind];
  const overdue = daysBetween(entry.day, today);

  const act = async (work: () => Promise<unknown>, message?: string) => {
    try {
      await work();
      if (message) toast(message);
      requestFollowUpRefresh();
    } catch (e) {
      toast(t('agenda.toast.failed', { reason: (e as Error).message }), 'error');
    }
  };
  const start = (kind: 'post_sale' | 'closing') =>
    act(async () => {
      const visitId = await startVisit(repo, {
        kind,
        clientId: f.clientId,
        purchaseId: kind === 'post_sale' ? f.subjectId : undefined,
      });
      navigate({ page: 'visits', visitId });
    });
  const openClient = () => navigate({ page: 'clients', clientId: f.clientId });
  const moveTo = (day: string, how: 'snooze' | 'reschedule') =>
    act(
      () =>
        how === 'snooze' ? snoozeFollowUp(repo, f.id, day) : rescheduleFollowUp(repo, f.id, day),
      t('agenda.toast.snoozed', { date: formatDate(day) }),
    ).then(() => setPanel('none'));

  const primaryButton = {
    post_sale: { label: t('agenda.action.startPostSale'), run: () => void start('post_sale') },
    closing: { label: t('agenda.action.startClosing'), run: () => void start('closing') },
    contact: { label: t('agenda.action.logContact'), run: () => setPanel('contact') },
    client: { label: t('agenda.action.openClient'), run: openClient },
  }[primary];
  const milestone = MILESTONE_OF[f.kind];
  const doneLabel = milestone
    ? t(`agenda.action.doneAs.${f.kind as 'delivery_check'}`)
    : t('agenda.action.done');

  return (
    <li className="agenda-item" aria-labelledby={`${ids}-title`}>
      <div className="agenda-item-main">
        <p className="agenda-title" id={`${ids}-title`}>
          {title}
        </p>
        <p className="agenda-meta">
          <a href={`#/clients/${f.clientId}`}>{entry.clientName}</a>
          {' · '}
          {t('agenda.due', { date: formatDate(entry.day) })}
          {f.status === 'snoozed' && ` · ${t('agenda.snoozedFrom', { date: formatDate(f.due) })}`}
          {overdue > 0 &&
            (f.kind === 'birthday' ? (
              // A greeting is not "overdue": it was missed, and lapses after a short grace.
              <span className="missed"> · {t('agenda.missedBy', { count: overdue })}</span>
            ) : (
              <span className="overdue"> · {t('agenda.overdueBy', { count: overdue })}</span>
            ))}
        </p>
      </div>
      <div className="agenda-actions" role="group" aria-label={t('agenda.action.more', { title })}>
        <button type="button" className="primary" onClick={primaryButton.run}>
          {primaryButton.label}
        </button>
        {primary !== 'client' && (
          <button type="button" onClick={openClient}>
            {t('agenda.action.openClient')}
          </button>
        )}
        <button
          type="button"
          onClick={() =>
            void act(() => markFollowUpDone(repo, f.id, today), t('agenda.toast.done'))
          }
        >
          ✓ {doneLabel}
        </button>
        <button
          type="button"
          aria-expanded={panel === 'snooze'}
          onClick={() => setPanel(panel === 'snooze' ? 'none' : 'snooze')}
        >
          {t('agenda.action.snooze')}
        </button>
        <button
          type="button"
          aria-expanded={panel === 'date'}
          onClick={() => setPanel(panel === 'date' ? 'none' : 'date')}
        >
          {t('agenda.action.reschedule')}
        </button>
      </div>
      {panel === 'snooze' && (
        <div className="agenda-panel" role="group" aria-label={t('agenda.action.snooze')}>
          <button type="button" onClick={() => void moveTo(snoozeDay(today, '1d'), 'snooze')}>
            {t('agenda.action.snooze1d')}
          </button>
          <button type="button" onClick={() => void moveTo(snoozeDay(today, '1w'), 'snooze')}>
            {t('agenda.action.snooze1w')}
          </button>
          <DatePick
            id={`${ids}-snooze`}
            label={t('agenda.action.pickDate')}
            value={date}
            min={today}
            onChange={setDate}
            onApply={() => void moveTo(date, 'snooze')}
          />
        </div>
      )}
      {panel === 'date' && (
        <div className="agenda-panel" role="group" aria-label={t('agenda.action.reschedule')}>
          <DatePick
            id={`${ids}-date`}
            label={t('agenda.action.newDate')}
            value={date}
            min={today}
            onChange={setDate}
            onApply={() => void moveTo(date, 'reschedule')}
          />
          <button type="button" onClick={() => setPanel('none')}>
            {t('agenda.action.cancel')}
          </button>
        </div>
      )}
      {panel === 'contact' && (
        <div className="agenda-panel agenda-contact">
          <ContactLogForm
            clientId={f.clientId}
            preset={{ type: contactTypeFor(f.kind) }}
            onCancel={() => setPanel('none')}
            onSaved={() => {
              setPanel('none');
              void act(async () => {
                if (CONTACT_COMPLETES.has(f.kind)) await markFollowUpDone(repo, f.id, today);
              }, t('visits.contact.saved'));
            }}
          />
        </div>
      )}
    </li>
  );
}

function DatePick(props: {
  id: string;
  label: string;
  value: string;
  min: string;
  onChange: (day: string) => void;
  onApply: () => void;
}) {
  const { t } = useTranslation();
  return (
    <span className="date-pick">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        className="input-edge"
        type="date"
        value={props.value}
        min={props.min}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <button
        type="button"
        disabled={!props.value || props.value < props.min}
        onClick={props.onApply}
      >
        {t('agenda.action.apply')}
      </button>
    </span>
  );
}

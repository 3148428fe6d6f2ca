/**
 * One OS notification a day for the follow-ups due that day, through the DesktopApi (a system
 * notification in Electron; a Web Notification or an in-app toast in a browser).
 */
import type { TFunction } from 'i18next';
import { MAX_NOTIFY_BODY_LENGTH, MAX_NOTIFY_TITLE_LENGTH } from '../../../../shared/ipc';
import { describeFollowUp } from '../../../../shared/domain/followupRules';
import type { FieldbookDb } from '../../../data/db';
import { followUpsOn } from './followUps';
import { getDesktopApi } from '../../../platform';

const NOTIFIED_KEY = 'fieldbook.agenda.notifiedOn';
const LISTED = 3;

function alreadyNotified(today: string): boolean {
  try {
    return localStorage.getItem(NOTIFIED_KEY) === today;
  } catch {
    return false;
  }
}

function remember(today: string): void {
  try {
    localStorage.setItem(NOTIFIED_KEY, today);
  } catch {
    // Without storage the worst case is a second notice after a restart.
  }
}

export async function notifyDueToday(db: FieldbookDb, today: string, t: TFunction): Promise<void> {
  if (alreadyNotified(today)) return;
  const due = await followUpsOn(db, today);
  if (due.length === 0) return;
  remember(today);
  const listed = due.slice(0, LISTED).map((f) => {
    const d = describeFollowUp(f);
    return t(d.key, d.params);
  });
  const list = listed.join('; ') + (due.length > LISTED ? '; …' : '');
  await getDesktopApi().notify({
    title: t('agenda.notify.title').slice(0, MAX_NOTIFY_TITLE_LENGTH),
    body: t('agenda.notify.body', { count: due.length, list }).slice(0, MAX_NOTIFY_BODY_LENGTH),
  });
}

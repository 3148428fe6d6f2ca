/**
 * One OS notification a day for the follow-ups due that day, through the DesktopApi (a system
 * notification in Electron; a Web Notification or an in-app toast in a browser).
 */
import i18next, { type TFunction } from 'i18next';
import { MAX_NOTIFY_BODY_LENGTH, MAX_NOTIFY_TITLE_LENGTH } from '../../../../shared/ipc';
import { followUpTitle } from '../followUpTitle';
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

export async function notifyDueToday(
  db: FieldbookDb,
  today: string,
  t: TFunction,
  language: string = i18next.language,
): Promise<void> {
  if (alreadyNotified(today)) return;
  const due = await followUpsOn(db, today);
  if (due.length === 0) return;
  remember(today);
  const shownNow = due.slice(0, LISTED);
  const people = await db.people.bulkGet(
    shownNow.map((f) => (f.kind === 'birthday' ? f.subjectId : null)).filter((id) => id !== null),
  );
  const listed = shownNow.map((f) =>
    followUpTitle(
      f,
      t,
      language,
      people.filter((p) => p !== undefined),
    ),
  );
  const list = listed.join('; ') + (due.length > LISTED ? '; …' : '');
  await getDesktopApi().notify({
    title: t('agenda.notify.title').slice(0, MAX_NOTIFY_TITLE_LENGTH),
    body: t('agenda.notify.body', { count: due.length, list }).slice(0, MAX_NOTIFY_BODY_LENGTH),
  });
}

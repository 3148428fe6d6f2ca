/** Russian demo data: the book of a rep working with Russian clients. */
import type { DemoLocale } from '../locale';
import * as c from './commerce';
import {
  ruAddress,
  ruChildName,
  ruCompanyName,
  ruEmailDomain,
  ruEmailLocalPart,
  ruPersonName,
  ruPhone,
} from './names';
import { ruContactSummary, ruNoteSentence } from './phrases';

export const RU_LOCALE: DemoLocale = {
  lang: 'ru',
  personName: ruPersonName,
  companyName: ruCompanyName,
  childName: ruChildName,
  address: ruAddress,
  phone: ruPhone,
  emailLocalPart: ruEmailLocalPart,
  emailDomain: ruEmailDomain,
  roles: c.RU_ROLES,
  tags: c.RU_TAGS,
  interests: c.RU_INTERESTS,
  personalNotes: c.RU_PERSONAL_NOTES,
  benefits: c.RU_BENEFITS,
  problems: c.RU_PROBLEMS,
  problemOwners: c.RU_PROBLEM_OWNERS,
  churnComments: c.RU_CHURN_COMMENTS,
  retentionCauses: c.RU_RETENTION_CAUSES,
  retentionActions: c.RU_RETENTION_ACTIONS,
  followUpTitles: c.RU_FOLLOW_UP_TITLES,
  serviceNotes: c.RU_SERVICE_NOTES,
  postponedSteps: c.RU_POSTPONED_STEPS,
  lostReasons: c.RU_LOST_REASONS,
  clientNotes: c.RU_CLIENT_NOTES,
  currencies: [
    ['RUB', 18],
    ['EUR', 1],
    ['USD', 1],
  ],
  noteSentence: ruNoteSentence,
  contactSummary: ruContactSummary,
};

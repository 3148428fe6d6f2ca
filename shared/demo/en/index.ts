/** English demo data: the book of a rep working with English-speaking clients. */
import type { DemoLocale } from '../locale';
import * as c from './commerce';
import {
  enAddress,
  enChildName,
  enCompanyName,
  enEmailDomain,
  enEmailLocalPart,
  enPersonName,
  enPhone,
} from './names';
import { enContactSummary, enNoteSentence } from './phrases';

export const EN_LOCALE: DemoLocale = {
  lang: 'en',
  personName: enPersonName,
  companyName: enCompanyName,
  childName: enChildName,
  address: enAddress,
  phone: enPhone,
  emailLocalPart: enEmailLocalPart,
  emailDomain: enEmailDomain,
  roles: c.EN_ROLES,
  tags: c.EN_TAGS,
  interests: c.EN_INTERESTS,
  personalNotes: c.EN_PERSONAL_NOTES,
  benefits: c.EN_BENEFITS,
  problems: c.EN_PROBLEMS,
  problemOwners: c.EN_PROBLEM_OWNERS,
  churnComments: c.EN_CHURN_COMMENTS,
  retentionCauses: c.EN_RETENTION_CAUSES,
  retentionActions: c.EN_RETENTION_ACTIONS,
  followUpTitles: c.EN_FOLLOW_UP_TITLES,
  serviceNotes: c.EN_SERVICE_NOTES,
  postponedSteps: c.EN_POSTPONED_STEPS,
  lostReasons: c.EN_LOST_REASONS,
  clientNotes: c.EN_CLIENT_NOTES,
  currencies: [
    ['EUR', 5],
    ['USD', 5],
    ['RUB', 1],
  ],
  noteSentence: enNoteSentence,
  contactSummary: enContactSummary,
};

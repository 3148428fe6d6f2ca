/**
 * What a language contributes to demo data: how people and companies are named, written and
 * reached there, and the phrases reps write. One implementation per language (ru/, en/).
 */
import type { ContactType } from '../domain/contact';
import type { DemoRandom } from './random';

type DemoLang = 'ru' | 'en';
export type Gender = 'm' | 'f';

export interface PersonName {
  gender: Gender;
  first: string;
  last: string;
  /** As the person is written on a card: «Анна Сергеевна Петрова», "Anna Peterson". */
  full: string;
  /** As a private client is listed in the book: «Петрова Анна Сергеевна», "Peterson, Anna". */
  listed: string;
}

/** What a phrase may mention about the client it is written for. */
export interface PhraseContext {
  person: string;
  item: string;
  benefit: string;
}

export type ContactSubtype = 'complaint' | 'suggestion' | 'delay' | 'price_change' | 'none';

export interface DemoLocale {
  lang: DemoLang;
  personName(rng: DemoRandom, gender?: Gender): PersonName;
  /** A company name with its legal form; an individual entrepreneur is named after its owner. */
  companyName(rng: DemoRandom, owner: PersonName): string;
  childName(rng: DemoRandom): string;
  address(rng: DemoRandom): string;
  phone(rng: DemoRandom): string;
  /** The part before @ for a person, e.g. a.petrova. */
  emailLocalPart(person: PersonName, rng: DemoRandom): string;
  /** A plausible web domain for a company (or a free-mail domain for a private client). */
  emailDomain(company: string | null, rng: DemoRandom): string;
  roles: readonly string[];
  tags: readonly string[];
  interests: readonly string[];
  personalNotes: readonly string[];
  benefits: readonly string[];
  problems: readonly string[];
  problemOwners: readonly string[];
  churnComments: readonly string[];
  retentionCauses: readonly string[];
  retentionActions: readonly string[];
  followUpTitles: readonly string[];
  serviceNotes: readonly string[];
  postponedSteps: readonly string[];
  lostReasons: readonly string[];
  clientNotes: readonly string[];
  /** Currencies a purchase is made in, with relative weights. */
  currencies: readonly (readonly ['RUB' | 'EUR' | 'USD', number])[];
  /** One sentence of a rep's note. */
  noteSentence(rng: DemoRandom, context: PhraseContext): string;
  contactSummary(
    rng: DemoRandom,
    type: ContactType,
    subtype: ContactSubtype,
    context: PhraseContext,
  ): string;
}

/**
 * The part of a client's name a rep looks it up by: «ООО "Вкусный город"» sorts under В, not О.
 * Legal forms at the start (Russian and common foreign ones) and quotes are set aside.
 */
const LEGAL_FORMS = [
  'ООО',
  'ОАО',
  'ЗАО',
  'ПАО',
  'НАО',
  'АО',
  'ИП',
  'ЧП',
  'ТОО',
  'ГУП',
  'МУП',
  'НКО',
  'LLC',
  'LTD',
  'INC',
  'GMBH',
  'JSC',
];
const LEADING_FORM = new RegExp(`^(?:(?:${LEGAL_FORMS.join('|')})\\.?\\s+)+`, 'iu');
const QUOTES = /[«»"'„“”‘’`]/g;

export function clientSortKey(name: string): string {
  const bare = name.replace(QUOTES, ' ').trim().replace(/\s+/g, ' ');
  const withoutForm = bare.replace(LEADING_FORM, '');
  return withoutForm === '' ? bare : withoutForm;
}

import { normalizeText } from '../search/normalize';

/**
 * Column mapping: which column of the rep's file fills which field of a client or its contact
 * person. Guessed from the headings (Russian and English, as Excel exports and CRMs write them),
 * shown to the rep to correct, and remembered per heading set.
 */
export const IMPORT_FIELDS = [
  'name',
  'kind',
  'status',
  'tags',
  'address',
  'city',
  'notes',
  'cadenceDays',
  'personName',
  'personLastName',
  'personFirstName',
  'personMiddleName',
  'personRole',
  'phone',
  'email',
  'telegram',
  'whatsapp',
  'viber',
  'birthday',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields several columns may fill (two phone columns, e-mail and a second e-mail...). */
export const MULTI_COLUMN_FIELDS: ReadonlySet<ImportField> = new Set([
  'tags',
  'notes',
  'phone',
  'email',
  'telegram',
  'whatsapp',
  'viber',
]);

/** Column index → field, null for a column the import skips. */
export type ColumnMapping = (ImportField | null)[];

const SYNONYMS: Record<ImportField, string[]> = {
  name: [
    'название',
    'наименование',
    'компания',
    'организация',
    'клиент',
    'контрагент',
    'юрлицо',
    'название компании',
    'наименование организации',
    'наименование клиента',
    'название или имя клиента',
    'name',
    'company',
    'company name',
    'client name',
    'organization',
    'organisation',
    'client',
    'customer',
    'account',
    'account name',
    'business',
  ],
  kind: ['тип', 'тип клиента', 'вид клиента', 'type', 'client type', 'kind'],
  status: ['статус', 'стадия', 'статус клиента', 'status', 'stage'],
  tags: [
    'теги',
    'тег',
    'метки',
    'метка',
    'категория',
    'категории',
    'сегмент',
    'группа',
    'tags',
    'tag',
    'labels',
    'label',
    'category',
    'segment',
    'group',
  ],
  address: [
    'адрес',
    'юридический адрес',
    'фактический адрес',
    'адрес доставки',
    'улица',
    'address',
    'street',
    'street address',
    'delivery address',
  ],
  city: ['город', 'населенный пункт', 'city', 'town'],
  notes: [
    'примечание',
    'примечания',
    'комментарий',
    'комментарии',
    'заметки',
    'заметка',
    'описание',
    'notes',
    'note',
    'comment',
    'comments',
    'description',
    'remarks',
  ],
  cadenceDays: [
    'частота контакта',
    'периодичность',
    'периодичность контакта',
    'cadence',
    'contact cadence',
    'contact every',
  ],
  personName: [
    'контакт',
    'контактное лицо',
    'фио',
    'фио контакта',
    'фио контактного лица',
    'представитель',
    'contact',
    'contact person',
    'contact name',
    'full name',
    'person',
  ],
  personLastName: ['фамилия', 'last name', 'surname', 'family name'],
  personFirstName: ['имя', 'first name', 'given name'],
  personMiddleName: ['отчество', 'middle name', 'patronymic'],
  personRole: ['должность', 'роль', 'позиция', 'position', 'title', 'job title', 'role'],
  phone: [
    'телефон',
    'тел',
    'телефоны',
    'мобильный',
    'моб',
    'сотовый',
    'мобильный телефон',
    'рабочий телефон',
    'номер телефона',
    'phone',
    'phones',
    'telephone',
    'tel',
    'mobile',
    'cell',
    'phone number',
    'mobile phone',
    'work phone',
  ],
  email: [
    'e mail',
    'email',
    'емейл',
    'имейл',
    'почта',
    'эл почта',
    'электронная почта',
    'адрес электронной почты',
    'e mail address',
    'email address',
    'mail',
  ],
  telegram: ['telegram', 'телеграм', 'телеграмм', 'tg'],
  whatsapp: ['whatsapp', 'ватсап', 'вотсап', 'wa'],
  viber: ['viber', 'вайбер'],
  birthday: [
    'день рождения',
    'дата рождения',
    'др',
    'birthday',
    'date of birth',
    'dob',
    'birth date',
    'birthdate',
  ],
};

const EXACT = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS)
  for (const s of SYNONYMS[field]) if (!EXACT.has(s)) EXACT.set(s, field);

/** How well a heading names a field: 100 for a known heading, else the words a synonym shares. */
function score(heading: string, field: ImportField): number {
  if (EXACT.get(heading) === field) return 100;
  const words = ` ${heading} `;
  let best = 0;
  for (const s of SYNONYMS[field])
    if (words.includes(` ${s} `)) best = Math.max(best, s.split(' ').length);
  return best;
}

/**
 * Guesses a mapping from the headings. Each single-valued field goes to its best column; a
 * heading that names nothing known is skipped. «Имя» next to «Фамилия» is a first name; alone
 * it is the whole name of the contact person.
 */
export function guessMapping(headings: readonly string[]): ColumnMapping {
  const normalized = headings.map((h) => normalizeText(h));
  const hasLastName = normalized.some((h) => score(h, 'personLastName') > 0);
  const candidates: { column: number; field: ImportField; score: number }[] = [];
  normalized.forEach((heading, column) => {
    if (heading === '') return;
    for (const field of IMPORT_FIELDS) {
      let s = score(heading, field);
      if (field === 'personFirstName' && !hasLastName) s = 0;
      if (field === 'personName' && hasLastName === false && heading === 'имя') s = 100;
      if (s > 0) candidates.push({ column, field, score: s });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: ColumnMapping = headings.map(() => null);
  const taken = new Set<ImportField>();
  for (const { column, field } of candidates) {
    if (mapping[column] !== null) continue;
    if (taken.has(field) && !MULTI_COLUMN_FIELDS.has(field)) continue;
    mapping[column] = field;
    taken.add(field);
  }
  return mapping;
}

/** A key for remembering the rep's mapping of files with these headings. */
export function headingSignature(headings: readonly string[]): string {
  return headings.map((h) => normalizeText(h)).join('|');
}

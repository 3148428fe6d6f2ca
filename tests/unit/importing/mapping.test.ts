import { describe, expect, it } from 'vitest';
import { guessMapping, headingSignature } from '../../../shared/importing/mapping';
import { mapRecord } from '../../../shared/importing/rows';
import {
  parseBirthday,
  isPlausiblePhone,
  isPlausibleEmail,
  parseStatus,
} from '../../../shared/importing/values';

describe('guessMapping', () => {
  it('maps Russian Excel headings', () => {
    const headings = [
      'Название',
      'Контактное лицо',
      'Телефон',
      'E-mail',
      'Теги',
      'Статус',
      'Адрес',
      'Город',
      'День рождения',
      'Должность',
    ];
    expect(guessMapping(headings)).toEqual([
      'name',
      'personName',
      'phone',
      'email',
      'tags',
      'status',
      'address',
      'city',
      'birthday',
      'personRole',
    ]);
  });

  it('maps English headings, case and punctuation aside', () => {
    expect(
      guessMapping([
        'Company',
        'Contact person',
        'PHONE',
        'e-mail',
        'Tags',
        'Date of birth',
        'Job title',
      ]),
    ).toEqual(['name', 'personName', 'phone', 'email', 'tags', 'birthday', 'personRole']);
  });

  it('reads headings with extra words, and lets several columns fill phones', () => {
    expect(
      guessMapping([
        'Наименование организации',
        'Телефон (моб.)',
        'Телефон рабочий',
        'Эл. почта',
        'Примечание',
      ]),
    ).toEqual(['name', 'phone', 'phone', 'email', 'notes']);
  });

  it('splits the name into parts when there is a surname column, and takes «Имя» alone as the whole name', () => {
    expect(guessMapping(['Фамилия', 'Имя', 'Отчество', 'Компания'])).toEqual([
      'personLastName',
      'personFirstName',
      'personMiddleName',
      'name',
    ]);
    expect(guessMapping(['Имя', 'Телефон'])).toEqual(['personName', 'phone']);
  });

  it('prefers an exact heading, gives a single field to one column, and skips unknown columns', () => {
    expect(guessMapping(['Адрес электронной почты', 'Адрес'])).toEqual(['email', 'address']);
    expect(guessMapping(['Компания', 'Название', 'ИНН', ''])).toEqual(['name', null, null, null]);
  });

  it('gives the same signature to the same headings however they are written', () => {
    expect(headingSignature(['Название ', 'E-MAIL'])).toBe(
      headingSignature(['название', 'e-mail']),
    );
  });
});

describe('cell values', () => {
  it('reads birthdays in the formats reps use', () => {
    expect(parseBirthday('15.03.1980')).toBe('1980-03-15');
    expect(parseBirthday('5.3.1980')).toBe('1980-03-05');
    expect(parseBirthday('15.03')).toBe('--03-15');
    expect(parseBirthday('1980-03-15')).toBe('1980-03-15');
    expect(parseBirthday('--02-29')).toBe('--02-29');
    expect(parseBirthday('19800315')).toBe('1980-03-15');
    expect(parseBirthday('29.02.2023')).toBeNull();
    expect(parseBirthday('31.04.1980')).toBeNull();
    expect(parseBirthday('вчера')).toBeNull();
  });

  it('tells phones and e-mails from other text', () => {
    expect(isPlausiblePhone('+7 (912) 345-67-89')).toBe(true);
    expect(isPlausiblePhone('8 495 111 22 33 доб. 123')).toBe(true);
    expect(isPlausiblePhone('12-34')).toBe(false);
    expect(isPlausiblePhone('звонить вечером')).toBe(false);
    expect(isPlausibleEmail('ivan.petrov@romashka.ru')).toBe(true);
    expect(isPlausibleEmail('ivan@romashka')).toBe(false);
    expect(isPlausibleEmail('ivan petrov@mail.ru')).toBe(false);
  });

  it('reads statuses in either language', () => {
    expect(parseStatus('Потенциальный')).toBe('prospect');
    expect(parseStatus('AT RISK')).toBe('at_risk');
    expect(parseStatus('ушёл')).toBe('lost');
    expect(parseStatus('Возвращён')).toBe('won_back');
    expect(parseStatus('может быть')).toBeUndefined();
  });
});

describe('mapRecord', () => {
  const headings = [
    'Название',
    'Контакт',
    'Телефон',
    'E-mail',
    'Теги',
    'Статус',
    'Город',
    'Адрес',
    'ДР',
  ];
  const mapping = guessMapping(headings);
  const read = (fields: string[], row = 2) =>
    mapRecord({ row, fields, error: null }, headings, mapping);

  it('turns a row into a client and its contact person', () => {
    const result = read([
      'ООО «Ромашка»',
      'Пётр Иванов',
      '8 912 345-67-89, +7 495 111-22-33',
      'petr@romashka.ru',
      'опт; HoReCa',
      'активный',
      'Казань',
      'ул. Баумана, 12',
      '15.03',
    ]);
    expect(result.errors).toEqual([]);
    expect(result.client).toMatchObject({
      kind: 'company',
      name: 'ООО «Ромашка»',
      status: 'active',
      tags: ['опт', 'HoReCa'],
      address: 'Казань, ул. Баумана, 12',
    });
    expect(result.person).toMatchObject({
      name: 'Пётр Иванов',
      birthday: '--03-15',
      channels: [
        { kind: 'phone', value: '8 912 345-67-89' },
        { kind: 'phone', value: '+7 495 111-22-33' },
        { kind: 'email', value: 'petr@romashka.ru' },
      ],
    });
  });

  it('reports bad e-mail, bad phone, an impossible date and unknown status with the column and value', () => {
    const result = read(
      ['Альфа', '', 'звонить', 'alpha@', '', 'может быть', '', '', '31.02.1990'],
      7,
    );
    expect(result.errors).toEqual([
      { row: 7, column: 'Статус', code: 'bad_status', params: { value: 'может быть' } },
      { row: 7, column: 'Телефон', code: 'bad_phone', params: { value: 'звонить' } },
      { row: 7, column: 'E-mail', code: 'bad_email', params: { value: 'alpha@' } },
      { row: 7, column: 'ДР', code: 'impossible_date', params: { value: '31.02.1990' } },
    ]);
  });

  it('requires a name, but takes the contact’s name for a private client', () => {
    expect(read(['', '', '89123456789', '', '', '', '', '', '']).errors.map((e) => e.code)).toEqual(
      ['name_required'],
    );
    const privateClient = read(['', 'Анна Смирнова', '89123456789', '', '', '', '', '', '']);
    expect(privateClient.errors).toEqual([]);
    expect(privateClient.client).toMatchObject({ kind: 'person', name: 'Анна Смирнова' });
  });

  it('names the person after the client when only a phone is given', () => {
    expect(read(['ИП Котов', '', '89123456789', '', '', '', '', '', '']).person?.name).toBe(
      'ИП Котов',
    );
  });

  it('joins surname, first name and patronymic in Russian order', () => {
    const h = ['Фамилия', 'Имя', 'Отчество'];
    const r = mapRecord(
      { row: 2, fields: ['Иванов', 'Иван', 'Иванович'], error: null },
      h,
      guessMapping(h),
    );
    expect(r.client.name).toBe('Иванов Иван Иванович');
    const e = mapRecord(
      { row: 2, fields: ['Smith', 'John', ''], error: null },
      ['Last name', 'First name', 'Middle name'],
      guessMapping(['Last name', 'First name', 'Middle name']),
    );
    expect(e.client.name).toBe('John Smith');
  });

  it('flags rows with more values than columns, and carries the reader’s quoting error', () => {
    const result = mapRecord(
      { row: 4, fields: ['A', '', '', '', '', '', '', '', '', 'extra'], error: 'broken_quoting' },
      headings,
      mapping,
    );
    expect(result.errors.map((e) => e.code)).toEqual(['broken_quoting', 'too_many_fields']);
  });

  it('reports over-long values instead of failing later in the repository', () => {
    const result = read(['x'.repeat(301), '', '', '', 'y'.repeat(61), '', '', '', '']);
    expect(result.errors.map((e) => [e.code, e.column])).toEqual([
      ['value_too_long', 'Название'],
      ['value_too_long', 'Теги'],
    ]);
  });
});

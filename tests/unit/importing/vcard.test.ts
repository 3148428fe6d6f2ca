import { describe, expect, it } from 'vitest';
import { parseVCards } from '../../../shared/importing/vcard';
import { encodeCp1251 } from '../../../shared/importing/cp1251';

const qp = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const cards = (text: string) => {
  const result = parseVCards(text);
  if (!result.ok) throw new Error(result.error.code);
  return result;
};

describe('vCard import', () => {
  it('reads a vCard 3.0 person with phones, e-mail, birthday, company and title', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Иванов;Пётр;Сергеевич;;',
      'FN:Пётр Иванов',
      'ORG:ООО «Ромашка»;Отдел закупок',
      'TITLE:Директор по закупкам',
      'TEL;TYPE=CELL,VOICE:+7 912 345-67-89',
      'item1.TEL;type=WORK:8 (495) 111-22-33',
      'EMAIL;TYPE=INTERNET:petr@romashka.ru',
      'BDAY:1980-03-15',
      'NOTE:Любит футбол\\, рыбалку\\nДети: двое',
      'END:VCARD',
    ].join('\r\n');
    const [card] = cards(text).cards;
    expect(card?.organization).toBe('ООО «Ромашка»');
    expect(card?.person).toMatchObject({
      name: 'Пётр Иванов',
      role: 'Директор по закупкам',
      birthday: '1980-03-15',
      personalNotes: 'Любит футбол, рыбалку\nДети: двое',
      channels: [
        { kind: 'phone', value: '+7 912 345-67-89', label: 'cell' },
        { kind: 'phone', value: '8 (495) 111-22-33', label: 'work' },
        { kind: 'email', value: 'petr@romashka.ru' },
      ],
    });
  });

  it('unfolds long lines and reads vCard 4.0 uris and year-less birthdays', () => {
    const text =
      'BEGIN:VCARD\nVERSION:4.0\nFN:Anna Maria\n  Smith\nTEL;VALUE=uri;TYPE=cell:tel:+44-20-7946-0958\nBDAY:--0704\nEND:VCARD\n';
    const [card] = cards(text).cards;
    expect(card?.person).toMatchObject({
      name: 'Anna Maria Smith',
      birthday: '--07-04',
      channels: [{ kind: 'phone', value: '+44-20-7946-0958' }],
    });
  });

  it('reads vCard 2.1 quoted-printable in Windows-1251 with soft line breaks', () => {
    const name = qp(encodeCp1251('Семёнов Андрей') as Uint8Array);
    const folded = `${name.slice(0, 30)}=\r\n${name.slice(30)}`;
    const text = `BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:${folded}\r\nTEL;CELL:89123456789\r\nEND:VCARD\r\n`;
    expect(cards(text).cards[0]?.person.name).toBe('Семёнов Андрей');
    expect(cards(text).cards[0]?.person.channels).toEqual([
      { kind: 'phone', value: '89123456789', label: 'cell' },
    ]);
  });

  it('reads UTF-8 quoted-printable and builds the name from N when FN is missing', () => {
    const family = qp(new TextEncoder().encode('Ёлкина'));
    const text = `BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${family};=D0=9E=D0=BB=D1=8C=D0=B3=D0=B0\nEND:VCARD`;
    expect(cards(text).cards[0]?.person.name).toBe('Ёлкина Ольга');
  });

  it('reports a card without a name, and reads a card cut off while naming it in a problem', () => {
    const text =
      'BEGIN:VCARD\nVERSION:3.0\nTEL:123\nEND:VCARD\nBEGIN:VCARD\nFN:Ok\nEND:VCARD\nBEGIN:VCARD\nFN:Cut\n';
    const result = cards(text);
    expect(result.cards.map((c) => c.person.name)).toEqual(['Ok', 'Cut']);
    const cut = {
      row: 8,
      column: null,
      code: 'vcard_unterminated',
      params: { name: 'Cut', lastLine: 9 },
    };
    expect(result.errors).toEqual([
      { row: 1, column: null, code: 'vcard_no_name', params: {} },
      cut,
    ]);
    expect(result.cards[1]!.problems).toEqual([cut]);
    expect(result.cards[0]!.problems).toEqual([]);
  });

  it('refuses a file with no vCard in it', () => {
    expect(parseVCards('name,phone\nA,1\n')).toEqual({
      ok: false,
      error: { code: 'not_vcard', params: {} },
    });
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCp1251, decodeCp1251Table, encodeCp1251 } from '../../../shared/importing/cp1251';
import {
  decodeImportFile,
  decodeImportFileInSteps,
  readsAsRussian,
} from '../../../shared/importing/encoding';

const utf8 = (text: string) => new TextEncoder().encode(text);
const cp1251 = (text: string) => {
  const bytes = encodeCp1251(text);
  if (!bytes) throw new Error('not encodable');
  return bytes;
};
const RUSSIAN =
  'Название;Телефон\r\nООО «Ёлочка»;+7 912 345-67-89\r\nИП Семёнов Андрей Йосифович;8 (495) 111-22-33\r\n';

describe('Windows-1251', () => {
  it('decodes every byte as the platform decoder does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeCp1251Table(all)).toBe(new TextDecoder('windows-1251').decode(all));
    expect(decodeCp1251(all)).toBe(decodeCp1251Table(all));
    const long = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 13) & 0xff);
    expect(decodeCp1251Table(long)).toBe(new TextDecoder('windows-1251').decode(long));
  });

  it('round-trips Russian text through our encoder', () => {
    expect(decodeCp1251(cp1251(RUSSIAN))).toBe(RUSSIAN);
    expect(encodeCp1251('日本')).toBeNull();
  });
});

describe('decodeImportFile', () => {
  it('reads UTF-8 without a byte order mark', () => {
    expect(decodeImportFile(utf8(RUSSIAN))).toEqual({ ok: true, text: RUSSIAN, encoding: 'utf-8' });
  });

  it('reads UTF-8 with a byte order mark and drops the mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(RUSSIAN)]);
    expect(decodeImportFile(bytes)).toEqual({ ok: true, text: RUSSIAN, encoding: 'utf-8' });
  });

  it('recognises Windows-1251 from the bytes when they are not UTF-8', () => {
    expect(decodeImportFile(cp1251(RUSSIAN))).toEqual({
      ok: true,
      text: RUSSIAN,
      encoding: 'windows-1251',
    });
  });

  it('reads Excel’s UTF-16 “Unicode text” export', () => {
    const le = new Uint8Array(2 + RUSSIAN.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < RUSSIAN.length; i++) {
      le[2 + 2 * i] = RUSSIAN.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = RUSSIAN.charCodeAt(i) >> 8;
    }
    expect(decodeImportFile(le)).toEqual({ ok: true, text: RUSSIAN, encoding: 'utf-16le' });
  });

  it('refuses KOI8-R text that only looks like bytes of 1251', () => {
    // "Привет, мир! Название компании" in KOI8-R.
    const koi8 = new Uint8Array([
      0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x2c, 0x20, 0xcd, 0xc9, 0xd2, 0x21, 0x20, 0xee, 0xc1,
      0xda, 0xd7, 0xc1, 0xce, 0xc9, 0xc5, 0x20, 0xcb, 0xcf, 0xcd, 0xd0, 0xc1, 0xce, 0xc9, 0xc9,
    ]);
    expect(decodeImportFile(koi8)).toEqual({
      ok: false,
      error: { code: 'unknown_encoding', params: {} },
    });
  });

  it('refuses a file that claims UTF-8 with a mark but is not', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...cp1251(RUSSIAN)]);
    expect(decodeImportFile(bytes)).toMatchObject({
      ok: false,
      error: { code: 'unknown_encoding' },
    });
  });

  it('refuses binary files, Excel workbooks, empty and oversized files', () => {
    const code = (bytes: Uint8Array, maxBytes?: number) => {
      const r = decodeImportFile(bytes, maxBytes === undefined ? {} : { maxBytes });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(
      code(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    ).toBe('binary_file');
    expect(code(Uint8Array.from({ length: 400 }, (_, i) => (i * 7) % 32))).toBe('binary_file');
    expect(code(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]))).toBe('spreadsheet_file');
    expect(code(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(
      'spreadsheet_file',
    );
    expect(code(new Uint8Array(0))).toBe('empty_file');
    expect(code(utf8('a,b\n1,2\n'), 4)).toBe('file_too_large');
  });
});

describe('readsAsRussian', () => {
  it('accepts Russian prose and all-capital company names', () => {
    expect(readsAsRussian('ООО «РОМАШКА», г. Казань, № 5 — склад')).toBe(true);
  });

  it('rejects text of foreign letters and jumbled case', () => {
    expect(readsAsRussian('Ãäå ìîÿ ìàøèíà')).toBe(false);
    expect(readsAsRussian('рТЙЧЕФ НЙТ оБЪЧБОЙЕ')).toBe(false);
  });

  it('answers as the rule reads in regular expressions, on any mix of letters and signs', () => {
    // The rule as first written: every non-ASCII character counted, words found by a pattern.
    const byPattern = (text: string) => {
      const nonAscii = [...text].filter((ch) => ch.charCodeAt(0) >= 0x80);
      const plausible = nonAscii.filter((ch) => /[А-Яа-яЁё«»№–—…“”„‘’\u00a0°•§©®™€±]/.test(ch));
      if (nonAscii.length === 0 || plausible.length / nonAscii.length < 0.9) return false;
      const words = text.match(/[А-Яа-яЁё]{3,}/g) ?? [];
      const jumbled = words.filter((w) => /[а-яё][А-ЯЁ]/.test(w)).length;
      return words.length === 0 || jumbled / words.length < 0.2;
    };
    const alphabet = 'аБвГдЕёЁжЗяЯ Ã;1«»№ ';
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((cs) => cs.join('')),
        (text) => readsAsRussian(text) === byPattern(text),
      ),
      { numRuns: 2000 },
    );
  });
});

/** Runs stepped decoding to its end, counting the steps it paused at. */
function stepped(bytes: Uint8Array, sliceBytes: number) {
  const steps = decodeImportFileInSteps(bytes, { sliceBytes });
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { result: step.value, pauses };
    pauses++;
  }
}

describe('decodeImportFile in steps (a big file opened without freezing the window)', () => {
  // Two-byte Cyrillic, a three-byte «№» and a four-byte emoji: every slice size below cuts
  // some character in two.
  const TEXT = `${RUSSIAN}ООО «Ёлочка» № 5 😀;8 912 000-11-22\r\n`.repeat(3);
  const BOM = Uint8Array.from([0xef, 0xbb, 0xbf]);
  const utf16le = (text: string) => {
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    return bytes;
  };
  const files: [string, Uint8Array][] = [
    ['UTF-8', utf8(TEXT)],
    ['UTF-8 with BOM', Uint8Array.from([...BOM, ...utf8(TEXT)])],
    ['Windows-1251', cp1251(RUSSIAN.repeat(3))],
    ['UTF-16LE', utf16le(TEXT)],
    [
      'letters in the wrong case (another code page)',
      Uint8Array.from(cp1251(RUSSIAN), (b) => (b >= 0xc0 ? b ^ 0x20 : b)),
    ],
    ['UTF-8 marked, broken at the end', Uint8Array.from([...BOM, ...utf8(TEXT), 0xc0, 0x41])],
  ];

  it('gives the same result as decoding whole, whatever the slice size', () => {
    for (const [name, bytes] of files) {
      const whole = decodeImportFile(bytes);
      for (const sliceBytes of [4, 5, 7, 16, 61, 1 << 20]) {
        expect(stepped(bytes, sliceBytes).result, `${name}, slices of ${sliceBytes}`).toEqual(
          whole,
        );
      }
    }
  });

  it('pauses at least once per slice of the file, and not at all for a refused file', () => {
    for (const [name, bytes] of files.slice(0, 4)) {
      const { result, pauses } = stepped(bytes, 16);
      expect(result.ok, name).toBe(true);
      expect(pauses, name).toBeGreaterThanOrEqual(Math.ceil(bytes.length / 16));
    }
    expect(stepped(new Uint8Array(0), 16)).toEqual({
      result: { ok: false, error: { code: 'empty_file', params: {} } },
      pauses: 0,
    });
  });
});

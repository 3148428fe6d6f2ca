import { describe, expect, it } from 'vitest';
import { createHash, webcrypto } from 'node:crypto';
import { sha256, toHex } from '../../../shared/backup/sha256';
import { canonicalJson } from '../../../shared/backup/canonical-json';
import {
  BACKUP_FORMAT_VERSION,
  parseBackup,
  serializeBackup,
  type BackupContent,
} from '../../../shared/backup/format';
import { BACKUP_TEXTS } from '../../../shared/backup/messages';
import { BACKUP_ERROR_CODES } from '../../../shared/backup/format';
import type { Client, ContactPerson, Note } from '../../../shared/domain';
import type { CadenceSettings } from '../../../shared/domain/cadence';

const STAMP = '001748772000000-0000-0123456789abcdef';
const system = (id: string) => ({
  id,
  ownerId: 'rep-1',
  createdAt: '2025-06-01T10:00:00.000Z',
  updatedAt: '2025-06-01T10:00:00.000+03:00',
  deletedAt: null,
  stamps: { name: STAMP },
  serverVersion: 0,
});
const CLIENT_ID = '01970a3c-1f00-7000-8000-000000000001';
const client: Client = {
  ...system(CLIENT_ID),
  kind: 'company',
  name: 'ООО «Ромашка» — "кофе" \\ чай',
  status: 'active',
  tags: ['опт', 'HoReCa'],
  cadenceDays: null,
  address: 'Казань',
  notes: 'Строка 1\nСтрока 2 😀',
  loyalty: 'high',
  churnReason: null,
  churnComment: '',
  referredBy: null,
};
const person: ContactPerson = {
  ...system('01970a3c-1f00-7000-8000-000000000002'),
  clientId: CLIENT_ID,
  name: 'Пётр',
  role: 'директор',
  birthday: '--03-15',
  children: [{ name: 'Аня', birthday: '2015-09-01' }],
  addressForm: 'informal',
  channels: [{ kind: 'phone', value: '+7 912 345-67-89' }],
  interests: '',
  personalNotes: '',
};
const note: Note = {
  ...system('01970a3c-1f00-7000-8000-000000000003'),
  clientId: CLIENT_ID,
  visitId: null,
  text: 'Обсудили поставку',
};
const CONTENT: BackupContent = {
  schemaVersion: 3,
  exportedAt: '2025-06-15T09:30:00.000Z',
  tables: { clients: [client], people: [person], notes: [note], visits: [] },
};

describe('sha256', () => {
  it('matches the published test vectors', () => {
    const hex = (s: string) => toHex(sha256(new TextEncoder().encode(s)));
    expect(hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches Node’s implementation at every length around the block boundaries', () => {
    for (let length = 0; length < 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(toHex(sha256(bytes)), `length ${length}`).toBe(
        createHash('sha256').update(bytes).digest('hex'),
      );
    }
  });
});

describe('canonicalJson', () => {
  it('gives the same text whatever order keys were written in', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: [1, { y: null, z: 0 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: undefined, a: [undefined] })).toBe('{"a":[null]}');
  });

  it('refuses values JSON would silently change', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });
});

describe('backup file', () => {
  it('round-trips every record exactly', async () => {
    const text = await serializeBackup(CONTENT);
    const result = await parseBackup(text, 3);
    expect(result).toEqual({ ok: true, backup: CONTENT });
  });

  it('accepts a digest from crypto.subtle and checks with our own', async () => {
    const subtle = async (bytes: Uint8Array) =>
      new Uint8Array(await webcrypto.subtle.digest('SHA-256', bytes));
    const text = await serializeBackup(CONTENT, subtle);
    expect(text).toBe(await serializeBackup(CONTENT));
    expect((await parseBackup(text, 3, { digest: subtle })).ok).toBe(true);
  });

  it('refuses the file when any single byte is flipped', async () => {
    const text = await serializeBackup({ ...CONTENT, tables: { clients: [client] } });
    const accepted: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const flipped =
        text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
      if ((await parseBackup(flipped, 3)).ok) accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });

  it('refuses a changed record as corrupted, even with valid JSON', async () => {
    const text = await serializeBackup(CONTENT);
    const tampered = text.replace('Обсудили поставку', 'Обсудили отказ');
    expect(await parseBackup(tampered, 3)).toEqual({
      ok: false,
      error: { code: 'corrupted', params: {} },
    });
  });

  it('refuses a backup from a newer schema version', async () => {
    const text = await serializeBackup({ ...CONTENT, schemaVersion: 4 });
    expect(await parseBackup(text, 3)).toEqual({
      ok: false,
      error: { code: 'newer_version', params: { fileVersion: 4, appVersion: 3 } },
    });
  });

  it('refuses a backup holding an invalid record, naming table and record', async () => {
    const bad = { ...person, birthday: '15 марта' };
    const text = await serializeBackup({
      ...CONTENT,
      tables: { clients: [client], people: [person, bad] },
    });
    const result = await parseBackup(text, 3);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_record', params: { table: 'people', index: 1, field: 'birthday' } },
    });
  });

  it('refuses duplicate ids and tables it does not know', async () => {
    const twice = await serializeBackup({ ...CONTENT, tables: { clients: [client, client] } });
    expect(await parseBackup(twice, 3)).toMatchObject({
      ok: false,
      error: { code: 'invalid_record', params: { field: 'id' } },
    });
    const unknown = await serializeBackup({ ...CONTENT, tables: { payroll: [] } });
    expect(await parseBackup(unknown, 3)).toMatchObject({
      ok: false,
      error: { code: 'unknown_table', params: { table: 'payroll' } },
    });
  });

  it('tells a file that is not a backup from a damaged one', async () => {
    const text = await serializeBackup(CONTENT);
    expect(await parseBackup('name;phone\n', 3)).toMatchObject({
      ok: false,
      error: { code: 'not_a_backup' },
    });
    expect(await parseBackup('{"format":"other"}', 3)).toMatchObject({
      error: { code: 'not_a_backup' },
    });
    expect(await parseBackup(text.slice(0, text.length / 2), 3)).toMatchObject({
      error: { code: 'corrupted' },
    });
  });

  it('upgrades an older backup before validating it', async () => {
    const { loyalty: _dropped, ...oldClient } = client;
    const text = await serializeBackup({
      ...CONTENT,
      schemaVersion: 2,
      tables: { clients: [oldClient] },
    });
    expect(await parseBackup(text, 3)).toMatchObject({
      ok: false,
      error: { code: 'invalid_record' },
    });
    const upgrade = (tables: Record<string, unknown[]>) => ({
      ...tables,
      clients: (tables.clients ?? []).map((c) => ({ ...(c as object), loyalty: 'unknown' })),
    });
    const result = await parseBackup(text, 3, { upgrade });
    expect(result.ok && result.backup.tables.clients?.[0]).toMatchObject({ loyalty: 'unknown' });
  });

  it('has a text in both languages for every error', () => {
    for (const code of BACKUP_ERROR_CODES) {
      expect(BACKUP_TEXTS.ru.backup.error[code]).toMatch(/\S/);
      expect(BACKUP_TEXTS.en.backup.error[code]).toMatch(/\S/);
    }
  });
});

const CADENCE: CadenceSettings = {
  defaultDays: 21,
  byStatus: { active: 10, at_risk: 3 },
  byTag: { опт: 5, HoReCa: 12 },
};

/** A file as the app wrote it before settings were backed up: format 1, no settings. */
function formatOneFile(content: BackupContent): string {
  const signed = {
    format: 'fieldbook-backup',
    formatVersion: 1,
    schemaVersion: content.schemaVersion,
    exportedAt: content.exportedAt,
    tables: content.tables,
  };
  const checksum = toHex(sha256(new TextEncoder().encode(canonicalJson(signed))));
  return canonicalJson({ ...signed, checksum: { algorithm: 'SHA-256', value: checksum } });
}

/** Re-signs a file after its content was changed on purpose (the checksum is not the point). */
async function resigned(content: Record<string, unknown>): Promise<string> {
  return serializeBackup(content as unknown as BackupContent);
}

describe('backup file: the rep’s settings', () => {
  it('round-trips the contact-cadence settings with the records', async () => {
    const text = await serializeBackup({ ...CONTENT, settings: { cadence: CADENCE } });
    expect(JSON.parse(text)).toMatchObject({ formatVersion: BACKUP_FORMAT_VERSION });
    expect(await parseBackup(text, 3)).toEqual({
      ok: true,
      backup: { ...CONTENT, settings: { cadence: CADENCE } },
    });
  });

  it('a file from before settings were backed up (format 1) still restores, without settings', async () => {
    const result = await parseBackup(formatOneFile(CONTENT), 3);
    expect(result).toEqual({ ok: true, backup: CONTENT });
    expect(result.ok && 'settings' in result.backup).toBe(false);
  });

  it('settings are covered by the checksum', async () => {
    const text = await serializeBackup({ ...CONTENT, settings: { cadence: CADENCE } });
    const tampered = text.replace('"defaultDays":21', '"defaultDays":22');
    expect(tampered).not.toBe(text);
    expect(await parseBackup(tampered, 3)).toMatchObject({
      ok: false,
      error: { code: 'corrupted' },
    });
  });

  it('settings that break their schema are refused before anything is written', async () => {
    const outOfRange = await resigned({
      ...CONTENT,
      settings: { cadence: { ...CADENCE, defaultDays: 0 } },
    });
    expect(await parseBackup(outOfRange, 3)).toMatchObject({
      ok: false,
      error: { code: 'invalid_settings', params: { section: 'cadence', field: 'defaultDays' } },
    });
    const badStatus = await resigned({
      ...CONTENT,
      settings: { cadence: { ...CADENCE, byStatus: { sleeping: 5 } } },
    });
    expect(await parseBackup(badStatus, 3)).toMatchObject({
      ok: false,
      error: { code: 'invalid_settings' },
    });
    const unknown = await resigned({ ...CONTENT, settings: { payroll: { rate: 1 } } });
    expect(await parseBackup(unknown, 3)).toMatchObject({
      ok: false,
      error: { code: 'unknown_table', params: { table: 'settings.payroll' } },
    });
    const notAnObject = await resigned({ ...CONTENT, settings: [CADENCE] });
    expect(await parseBackup(notAnObject, 3)).toMatchObject({
      ok: false,
      error: { code: 'corrupted' },
    });
  });

  it('a file of a newer format is refused as newer, not as damaged', async () => {
    const text = await serializeBackup({ ...CONTENT, settings: { cadence: CADENCE } });
    const newer = text.replace(
      `"formatVersion":${BACKUP_FORMAT_VERSION}`,
      `"formatVersion":${BACKUP_FORMAT_VERSION + 1}`,
    );
    expect(newer).not.toBe(text);
    expect(await parseBackup(newer, 3)).toMatchObject({
      ok: false,
      error: { code: 'newer_version' },
    });
  });
});

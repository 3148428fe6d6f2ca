import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml and ajv come with electron-builder's tool chain; neither ships types, so they are typed
// here by the little this test uses.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const Ajv = require('ajv') as new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
};

const root = path.resolve(import.meta.dirname, '../../..');
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;

describe('electron-builder.yml', () => {
  it('matches electron-builder’s own configuration schema (no misspelt or unknown keys)', () => {
    const schema = JSON.parse(
      readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('sets every security fuse the desktop shell relies on', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('packs only the bundled output and package.json, inside an asar archive', () => {
    expect(config.asar).toBe(true);
    const files = config.files as string[];
    expect(files.filter((pattern) => !pattern.startsWith('!')).sort()).toEqual([
      'out/**/*',
      'package.json',
    ]);
    expect(files).toContain('!**/node_modules/**');
  });

  it('names the app and the package targets the reps install', () => {
    expect(config).toMatchObject({
      appId: 'app.fieldbook.desktop',
      productName: 'Fieldbook',
      directories: { buildResources: 'build', output: 'release' },
      linux: { target: ['AppImage', 'deb'], category: 'Office' },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'] },
    });
    expect((config.linux as { maintainer?: string }).maintainer).toMatch(/\S+ <\S+@\S+>/);
  });

  it('points at a real 512x512 PNG icon', () => {
    const png = readFileSync(path.join(root, 'build/icon.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
  });

  it('agrees with package.json on the entry point the bundler writes', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main).toBe('out/main/main.cjs');
  });
});

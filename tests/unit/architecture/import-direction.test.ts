/**
 * The lint rules that keep the house plan: imports point into shared/, never back out of it; inside
 * renderer/, app → features → sync, data, store, i18n, platform, ui, at every folder depth; a
 * feature reaches another only through its index; only data modules touch Dexie.
 */
import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('import direction', { timeout: 60_000 }, () => {
  it('shared/ may not import renderer, electron, server, Node or UI libraries', async () => {
    for (const line of [
      "import { createDb } from '../renderer/data/db';",
      "import { x } from '../../electron/main/main';",
      "import { y } from '../server/start';",
      "import fs from 'fs';",
      "import fs from 'node:fs';",
      "import { app } from 'electron';",
      "import React from 'react';",
      "import Dexie from 'dexie';",
    ]) {
      expect(await restrictedImports('shared/domain/probe.ts', `${line}\nexport {};`), line).toBe(
        1,
      );
    }
  });

  it('renderer/ may import shared/ but not electron, server or Node', async () => {
    expect(
      await restrictedImports(
        'renderer/app/probe.ts',
        "import { uuidv7 } from '../../shared/ids';\nexport { uuidv7 };",
      ),
    ).toBe(0);
    expect(
      await restrictedImports(
        'renderer/app/probe.ts',
        "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };",
      ),
    ).toBe(1);
    expect(
      await restrictedImports(
        'renderer/app/probe.ts',
        "import { x } from '../../electron/main/main';\nexport { x };",
      ),
    ).toBe(1);
    expect(
      await restrictedImports(
        'renderer/app/probe.ts',
        "import { x } from '../../server/start';\nexport { x };",
      ),
    ).toBe(1);
  });

  it('electron/ and server/ may not import each other or the renderer', async () => {
    expect(
      await restrictedImports(
        'electron/main/probe.ts',
        "import { x } from '../../renderer/data/db';\nexport { x };",
      ),
    ).toBe(1);
    expect(
      await restrictedImports(
        'server/probe.ts',
        "import { x } from '../electron/main/main';\nexport { x };",
      ),
    ).toBe(1);
    expect(
      await restrictedImports(
        'server/probe.ts',
        "import { x } from '../shared/ids';\nexport { x };",
      ),
    ).toBe(0);
  });

  const probe = (line: string) => `${line}\nexport {};`;

  it('layers below features (sync, data, store, i18n, platform, ui) import no feature and not the shell', async () => {
    for (const [file, line] of [
      ['renderer/i18n/probe.ts', "import * as t from '../features/clients/texts';"],
      ['renderer/data/probe.ts', "import { x } from '../features/clients';"],
      ['renderer/sync/probe.ts', "import { x } from '../app/App';"],
      ['renderer/ui/probe.ts', "import { x } from '../features/visits/StartVisitButtons';"],
      ['renderer/store/probe.ts', "import { x } from '../app/features';"],
    ] as const) {
      expect(await restrictedImports(file, probe(line)), `${file}: ${line}`).toBe(1);
    }
    expect(
      await restrictedImports(
        'renderer/ui/probe.ts',
        probe("import { x } from '../store/router';"),
      ),
    ).toBe(0);
  });

  it('a feature does not import the shell, at any depth', async () => {
    for (const [file, line] of [
      ['renderer/features/clients/probe.ts', "import { x } from '../../app/App';"],
      ['renderer/features/clients/data/probe.ts', "import { x } from '../../../app/features';"],
    ] as const) {
      expect(await restrictedImports(file, probe(line)), `${file}: ${line}`).toBe(1);
    }
  });

  it("a feature reaches another only through that feature's index", async () => {
    for (const [file, line, count] of [
      ['renderer/features/agenda/probe.ts', "import { x } from '../visits/data/visits';", 1],
      ['renderer/features/agenda/probe.ts', "import { x } from '../visits/StartVisitButtons';", 1],
      ['renderer/features/agenda/data/probe.ts', "import { x } from '../../program/data/x';", 1],
      ['renderer/features/agenda/probe.ts', "import { x } from '../visits';", 0],
      ['renderer/features/agenda/data/probe.ts', "import { x } from '../../program';", 0],
      ['renderer/features/agenda/data/probe.ts', "import { x } from '../agendaGroups';", 0],
      ['renderer/features/agenda/probe.ts', "import { x } from './data/followUps';", 0],
    ] as const) {
      expect(await restrictedImports(file, probe(line)), `${file}: ${line}`).toBe(count);
    }
  });

  it("a feature's stylesheet is its own: another feature's css is out of reach, shared ones live in ui/", async () => {
    for (const [file, line, count] of [
      ['renderer/features/import/Probe.tsx', "import '../clients/clients.css';", 1],
      ['renderer/features/import/data/probe.ts', "import '../../clients/clients.css';", 1],
      ['renderer/features/import/Probe.tsx', "import './import.css';", 0],
      ['renderer/features/program/Probe.tsx', "import '../../ui/checklistItems.css';", 0],
    ] as const) {
      expect(await restrictedImports(file, probe(line)), `${file}: ${line}`).toBe(count);
    }
  });

  it("only data modules touch Dexie: a feature's screens hold no database", async () => {
    for (const line of [
      "import Dexie from 'dexie';",
      "import { useLiveQuery } from 'dexie-react-hooks';",
      "import type { FieldbookDb } from '../../data/db';",
      "import { useDatabase } from '../../data/DataContext';",
    ]) {
      expect(
        await restrictedImports('renderer/features/clients/Probe.tsx', probe(line)),
        line,
      ).toBe(1);
      expect(
        await restrictedImports(
          'renderer/features/clients/data/probe.ts',
          probe(line.replace("'../../", "'../../../")),
        ),
        line,
      ).toBe(0);
    }
    expect(
      await restrictedImports(
        'renderer/features/clients/Probe.tsx',
        probe("import { useRepository } from '../../data/DataContext';"),
      ),
    ).toBe(0);
    const [result] = await eslint.lintText('export const f = (r: { db: unknown }) => r.db;\n', {
      filePath: 'renderer/features/clients/probe.ts',
    });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax')).toHaveLength(1);
  });
});

/** The lint rule that keeps the house plan: imports point into shared/, never back out of it. */
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
});

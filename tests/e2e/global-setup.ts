// vitest globalSetup for the e2e project: one build and one server for the whole run; tests get
// the address through inject('baseUrl').
import type { TestProject } from 'vitest/node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer, serveRenderer } from './serve';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Why the renderer could not be built or served; empty when it was. */
    e2eSetupError: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A private output folder: `npm run web` or another run rebuilding out/renderer (vite empties
  // it first) must not pull files out from under the server these tests talk to.
  const outDir = await mkdtemp(join(tmpdir(), 'fieldbook-e2e-'));
  const removeOutDir = () => rm(outDir, { recursive: true, force: true });
  try {
    await buildRenderer(outDir);
    const served = await serveRenderer(outDir);
    project.provide('baseUrl', served.url);
    project.provide('e2eSetupError', '');
    return async () => {
      await served.close();
      await removeOutDir();
    };
  } catch (error) {
    // A throw here would abort every project of the run; instead each e2e test fails with this.
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    project.provide('baseUrl', '');
    project.provide('e2eSetupError', `The renderer could not be built or served:\n${reason}`);
    await removeOutDir();
    return removeOutDir;
  }
}

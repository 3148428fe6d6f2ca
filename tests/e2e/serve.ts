// Builds the renderer with the repo's own Vite config and serves it the way `npm run web` does,
// so the e2e tests and the screenshot tool drive exactly what a rep would open in a browser.
import { build, preview, type PreviewServer } from 'vite';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const VITE_CONFIG = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));
/** Where `vite build` puts the renderer (vite.config.ts build.outDir). */
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: VITE_CONFIG,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

export interface ServedRenderer {
  /** The page's address, ending in a slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  close: () => Promise<void>;
}

/** Serves a built renderer on 127.0.0.1 on a port the OS picks, so runs never collide. */
export async function serveRenderer(outDir: string): Promise<ServedRenderer> {
  const server: PreviewServer = await preview({
    configFile: VITE_CONFIG,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('vite preview started but reported no local address');
  }
  return { url, close: () => server.close() };
}

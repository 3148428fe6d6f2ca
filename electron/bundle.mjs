// Bundles the main process and the preload with esbuild. Both become single CommonJS files that
// require nothing but 'electron' and Node built-ins, so the packaged app needs no node_modules,
// and the sandboxed preload (which cannot require anything else) works at all.
//
// Usage: node electron/bundle.mjs [--out <dir>]   (default: out)
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function outDirFromArgs(argv) {
  const index = argv.indexOf('--out');
  return index >= 0 && argv[index + 1]
    ? path.resolve(argv[index + 1])
    : path.join(projectRoot, 'out');
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: projectRoot,
};

export async function bundleElectron(outDir) {
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(projectRoot, 'electron/main/main.ts')],
      outfile: path.join(outDir, 'main/main.cjs'),
    }),
    build({
      ...common,
      entryPoints: [path.join(projectRoot, 'electron/preload/preload.ts')],
      outfile: path.join(outDir, 'preload/preload.cjs'),
    }),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleElectron(outDirFromArgs(process.argv.slice(2))).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

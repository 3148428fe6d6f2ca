#!/usr/bin/env node
// `npm test`: everything CI checks, in order: typecheck, lint, then one vitest run over every
// project. Ends with one line a person or a CI log can read: `N passed, N failed`.
// Arguments after `npm test --` go to vitest (e.g. `npm test -- --project unit`).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// The JSON report names files, not projects; each project owns one or two folders under tests/
// (vitest.config.ts), so the folder tells the project.
const PROJECT_OF_FOLDER = {
  unit: 'unit',
  property: 'unit',
  data: 'data',
  component: 'component',
  server: 'server',
  e2e: 'e2e',
};
const PROJECTS = [...new Set(Object.values(PROJECT_OF_FOLDER))];

function run(command, args, { shell = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      shell,
      env: { ...process.env, ...env },
    });
    child.on('error', (error) => {
      console.error(`cannot start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function banner(title) {
  console.log(`\n── ${title} ${'─'.repeat(Math.max(3, 72 - title.length))}`);
}

function projectOf(file) {
  const parts = relative(root, file).split(sep);
  return (parts[0] === 'tests' && PROJECT_OF_FOLDER[parts[1]]) || 'other';
}

// npm is a .cmd script on Windows, which Node only starts through a shell.
const onWindows = process.platform === 'win32';
const checks = [];
const failures = [];

for (const [name, script] of [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
]) {
  banner(`npm run ${script}`);
  const ok = (await run('npm', ['run', script], { shell: onWindows })) === 0;
  checks.push({ name, ok });
  if (!ok) failures.push(`${name}: npm run ${script} failed (see its output above)`);
}

const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const counts = new Map(
  PROJECTS.map((p) => [p, { passed: 0, failed: 0, skipped: 0, todo: 0, files: 0 }]),
);
const vitestRunsFailedOutside = [];

/**
 * One vitest run; its tests are counted under `label(project)`. `wrap` puts a command in front of
 * node (faketime for the clock-ahead pass).
 */
async function vitestPass(title, { wrap = [], args = [], label = (p) => p, env = {} } = {}) {
  banner(title);
  const reportDir = mkdtempSync(join(tmpdir(), 'fieldbook-test-'));
  const reportFile = join(reportDir, 'vitest.json');
  const command = wrap.length ? wrap[0] : process.execPath;
  const commandArgs = [
    ...(wrap.length ? [...wrap.slice(1), process.execPath] : []),
    vitestBin,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...args,
  ];
  const code = await run(command, commandArgs, { env });
  let failedHere = 0;
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    for (const file of report.testResults) {
      const project = label(projectOf(file.name));
      if (!counts.has(project))
        counts.set(project, { passed: 0, failed: 0, skipped: 0, todo: 0, files: 0 });
      const c = counts.get(project);
      c.files += 1;
      let failedInFile = 0;
      for (const test of file.assertionResults) {
        if (test.status === 'passed') c.passed += 1;
        else if (test.status === 'failed') {
          c.failed += 1;
          failedInFile += 1;
          failures.push(`${project}: ${relative(root, file.name)} > ${test.fullName}`);
        } else if (test.status === 'todo') c.todo += 1;
        else c.skipped += 1;
      }
      // A file that cannot load, or whose hooks throw, fails without any failed test: count it once.
      if (file.status === 'failed' && failedInFile === 0) {
        c.failed += 1;
        failures.push(
          `${project}: ${relative(root, file.name)}: ${file.message || 'the file failed to run'}`,
        );
      }
      failedHere += file.status === 'failed' ? Math.max(1, failedInFile) : failedInFile;
    }
  }
  rmSync(reportDir, { recursive: true, force: true });
  // Vitest can fail outside any test (global setup, an unhandled error, no report): one more failure.
  if (code !== 0 && failedHere === 0) {
    vitestRunsFailedOutside.push(`${title}: vitest exited with code ${code} outside any test`);
  }
}

await vitestPass('vitest run (unit, data, component, server, e2e)', {
  args: process.argv.slice(2),
});

// A date bomb shows today, not on the day it goes off: with FIELDBOOK_CLOCK_AHEAD set (CI sets
// "+365d"), unit, data and component run once more with the clock moved that far ahead by
// faketime (Debian's package). The server and e2e projects talk to PostgreSQL and Chromium,
// whose own clocks faketime does not move, so they are left to the first pass.
const ahead = process.env.FIELDBOOK_CLOCK_AHEAD;
if (ahead) {
  const aheadProjects = ['unit', 'data', 'component'];
  // Arguments given to npm test are given to this pass too (to repeat one file a year ahead).
  const given = process.argv.slice(2);
  await vitestPass(
    `vitest run (${given.length ? given.join(' ') : aheadProjects.join(', ')}) with the clock ${ahead} (faketime)`,
    {
      wrap: ['faketime', '-f', ahead],
      args: given.length ? given : aheadProjects.flatMap((p) => ['--project', p]),
      label: (p) => `${p}@${ahead}`,
      // vitest's timers and timeouts keep real time; only the wall clock moves.
      env: { FAKETIME_DONT_FAKE_MONOTONIC: '1' },
    },
  );
}

let passed = checks.filter((c) => c.ok).length;
let failed = checks.length - passed;
let skipped = 0;
let todo = 0;
for (const c of counts.values()) {
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  todo += c.todo;
}
for (const outside of vitestRunsFailedOutside) {
  failed += 1;
  failures.push(`${outside} (see its output above)`);
}

banner('Summary');
for (const c of checks) console.log(`${c.name.padEnd(11)} ${c.ok ? 'passed' : 'FAILED'}`);
for (const [project, c] of counts) {
  if (c.files === 0) {
    console.log(`${project.padEnd(11)} no test files`);
    continue;
  }
  const extra = [c.skipped && `${c.skipped} skipped`, c.todo && `${c.todo} todo`].filter(Boolean);
  console.log(
    `${project.padEnd(11)} ${c.passed} passed, ${c.failed} failed${extra.length ? `, ${extra.join(', ')}` : ''}`,
  );
}
if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  ${f}`);
}
console.log(`\n${skipped} skipped, ${todo} todo (not counted as passed)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Four kinds of test, one run: unit (node), data (fake-indexeddb), component (jsdom), e2e
// (playwright-core driving Debian's Chromium against the built renderer).
export default defineConfig({
  plugins: [react()],
  test: {
    // Generous: CI machines are shared and slow at times; tests check behaviour, never timings.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'data',
          environment: 'node',
          include: ['tests/data/**/*.test.ts'],
          setupFiles: ['tests/setup/fake-indexeddb.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.tsx'],
          setupFiles: ['tests/setup/fake-indexeddb.ts', 'tests/setup/component.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

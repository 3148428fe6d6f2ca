import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

afterEach(() => cleanup());

// A CI machine runs every test file at once on two cores, so waiting for something to appear
// (findBy…, waitFor) gets 8 s instead of the 1 s default; no test measures how fast anything is.
configure({ asyncUtilTimeout: 8000 });

// jsdom does no layout, so every element measures 0×0 and a virtualised list would show no rows.
// Give elements the size of a laptop viewport pane; what renders is then what a rep would see.
for (const [prop, size] of [
  ['offsetHeight', 800],
  ['clientHeight', 800],
  ['offsetWidth', 400],
  ['clientWidth', 400],
] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => size });
}

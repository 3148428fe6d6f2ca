/**
 * Shared by the client book's component tests: role queries over a whole card are slow in jsdom
 * on a busy machine, so the slowest steps get a long allowance (the default wait for everything
 * is set in tests/setup/component.ts); no test measures how fast anything is.
 */
import { within } from '@testing-library/react';

export const LONG = { timeout: 60_000 };

/** The client names in the list, top to bottom, as the rep reads them. */
export const clientNames = (list: HTMLElement) =>
  within(list)
    .getAllByRole('option')
    .map((o) => o.querySelector('.client-name')!.textContent);

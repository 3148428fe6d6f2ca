/**
 * Shared by the client book's component tests. Role queries over a whole card are slow in jsdom
 * on a busy machine, so waiting for something to appear gets more time than the 1 s default;
 * no test measures how fast anything is.
 */
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 8000 });

export const LONG = { timeout: 60_000 };

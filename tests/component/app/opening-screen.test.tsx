/**
 * The window while the book opens: the first start after an update (the book is upgraded, up to
 * a minute on a big book) says at once what is happening and that closing loses nothing; a usual
 * start shows nothing for a moment, then only that the book is opening.
 */
import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../../renderer/app/i18n';
import { OpeningScreen } from '../../../renderer/app/OpeningScreen';

afterEach(() => vi.useRealTimers());

const shown = (upgrading: boolean, language: 'ru' | 'en') =>
  render(
    <I18nextProvider i18n={initI18n(language)}>
      <OpeningScreen upgrading={upgrading} />
    </I18nextProvider>,
  );

describe('the window while the book opens', () => {
  it('says at once, in the rep’s language, that the book is prepared for the new version and closing loses nothing', () => {
    shown(true, 'ru');
    expect(
      screen.getByRole('heading', { name: 'Готовим книгу клиентов к этой версии Fieldbook…' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('если закрыть, ничего не потеряется');
  });

  it('in English too', () => {
    shown(true, 'en');
    expect(screen.getByRole('status')).toHaveTextContent(
      'This happens once, on the first start after an update.',
    );
  });

  it('a usual start shows nothing for a moment, then only that the book is opening', () => {
    vi.useFakeTimers();
    shown(false, 'en');
    expect(screen.queryByRole('status')).toBeNull();
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByRole('heading', { name: 'Opening your book…' })).toBeInTheDocument();
    expect(screen.getByRole('status')).not.toHaveTextContent('update');
  });
});

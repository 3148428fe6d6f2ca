import { describe, it, expect } from 'vitest';
import { useState } from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Answer, ChecklistItem } from '../../../shared/domain';
import { ChecklistItemField } from '../../../renderer/features/visits/ChecklistItemField';
import { renderWithData } from '../renderApp';

const text = (ru: string, en: string) => ({ ru, en });
const BENEFITS = [
  { id: '01900000-0000-7000-8000-000000000001', text: 'Saves 20% of energy' },
  { id: '01900000-0000-7000-8000-000000000002', text: 'Delivery in 3 days' },
];

/** One item of every type the template format has. */
const ITEMS: ChecklistItem[] = [
  {
    key: 'guard',
    type: 'check',
    required: true,
    label: text('Я не тороплю клиента', 'I am not rushing the buyer'),
    help: text('Поспешность отталкивает.', 'Haste pushes the buyer away.'),
  },
  {
    key: 'outcome',
    type: 'choice',
    multiple: false,
    required: true,
    label: text('Итог', 'Outcome'),
    options: [
      { key: 'won', label: text('Сделка', 'Won') },
      { key: 'lost', label: text('Отказ', 'Lost') },
    ],
  },
  {
    key: 'signals',
    type: 'choice',
    multiple: true,
    required: false,
    label: text('Сигналы', 'Signals'),
    options: [
      {
        key: 'price',
        label: text('Цена', 'Price'),
        help: text('Спросил о цене', 'Asked the price'),
      },
      { key: 'delivery', label: text('Поставка', 'Delivery') },
      { key: 'warranty', label: text('Гарантия', 'Warranty') },
    ],
  },
  {
    key: 'satisfaction',
    type: 'scale',
    min: 1,
    max: 5,
    required: true,
    label: text('Довольство', 'Satisfaction'),
  },
  { key: 'days', type: 'scale', min: 0, max: 365, required: false, label: text('Дней', 'Days') },
  {
    key: 'next_step',
    type: 'short_text',
    required: false,
    label: text('Следующий шаг', 'Next step'),
  },
  { key: 'summary', type: 'long_text', required: false, label: text('Итоги', 'Summary') },
  { key: 'when', type: 'date', required: false, label: text('Когда', 'When') },
  {
    key: 'promises',
    type: 'promise_vs_reality',
    required: true,
    label: text('Обещания', 'Promises'),
  },
];

let latest: Record<string, Answer> = {};

function Harness({ missing = [] as string[] }) {
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  latest = answers;
  return (
    <>
      {ITEMS.map((item) => (
        <ChecklistItemField
          key={item.key}
          idPrefix="t"
          item={item}
          value={answers[item.key]}
          benefits={BENEFITS}
          missing={missing.includes(item.key)}
          onChange={(value) => setAnswers((a) => ({ ...a, [item.key]: value }))}
        />
      ))}
    </>
  );
}

// Typing into jsdom is slow on a busy machine: a budget for the run, not a claim about speed.
describe('checklist template renderer', { timeout: 30_000 }, () => {
  it('every item type records the answer shape the checklist logic reads', async () => {
    const user = userEvent.setup();
    await renderWithData(<Harness />, 'en');

    await user.click(screen.getByRole('checkbox', { name: /I am not rushing the buyer/ }));
    await user.click(screen.getByRole('radio', { name: 'Won' }));
    // Clicked out of order: the stored answer keeps the template's order.
    await user.click(screen.getByRole('checkbox', { name: /Warranty/ }));
    await user.click(screen.getByRole('checkbox', { name: /Price/ }));
    await user.click(
      within(screen.getByRole('radiogroup', { name: 'Satisfaction' })).getByRole('radio', {
        name: '4',
      }),
    );
    await user.type(screen.getByRole('spinbutton', { name: 'Days' }), '45');
    await user.type(screen.getByRole('textbox', { name: 'Next step' }), 'Send the offer');
    await user.type(screen.getByRole('textbox', { name: 'Summary' }), 'Line one{enter}Line two');
    await user.type(screen.getByLabelText('When'), '2025-03-01');
    const first = screen.getByRole('group', { name: 'Saves 20% of energy' });
    await user.click(within(first).getByRole('radio', { name: 'Below' }));
    await user.type(within(first).getByRole('textbox', { name: 'Comment' }), 'only 12%');
    const second = screen.getByRole('group', { name: 'Delivery in 3 days' });
    await user.click(within(second).getByRole('radio', { name: 'Exceeded' }));

    expect(latest).toEqual({
      guard: true,
      outcome: 'won',
      signals: ['price', 'warranty'],
      satisfaction: 4,
      days: 45,
      next_step: 'Send the offer',
      summary: 'Line one\nLine two',
      when: '2025-03-01',
      promises: [
        { benefitId: BENEFITS[0]!.id, reality: 'below', comment: 'only 12%' },
        { benefitId: BENEFITS[1]!.id, reality: 'exceeded', comment: '' },
      ],
    });
  });

  it('unticking a multiple choice removes only that option', async () => {
    const user = userEvent.setup();
    await renderWithData(<Harness />, 'en');
    await user.click(screen.getByRole('checkbox', { name: /Price/ }));
    await user.click(screen.getByRole('checkbox', { name: /Delivery/ }));
    await user.click(screen.getByRole('checkbox', { name: /Price/ }));
    expect(latest.signals).toEqual(['delivery']);
  });

  it('labels, help and the required mark come in Russian, and help is the control’s description', async () => {
    await renderWithData(<Harness />, 'ru');
    const guard = screen.getByRole('checkbox', { name: /Я не тороплю клиента/ });
    expect(guard).toHaveAccessibleName('Я не тороплю клиента (обязательно)');
    expect(guard).toHaveAccessibleDescription('Поспешность отталкивает.');
    expect(screen.getByRole('checkbox', { name: /Цена/ })).toHaveAccessibleDescription(
      'Спросил о цене',
    );
    expect(screen.getByRole('group', { name: /Обещания/ })).toBeInTheDocument();
    expect(screen.getAllByRole('radio', { name: 'Ниже' })).toHaveLength(2);
    // Optional items carry no required mark.
    expect(screen.getByRole('textbox', { name: 'Следующий шаг' })).not.toHaveAttribute(
      'aria-required',
    );
    expect(screen.getByRole('group', { name: /Итог/ })).toHaveAccessibleName('Итог (обязательно)');
  });

  it('a required item left empty at finishing is marked invalid', async () => {
    await renderWithData(<Harness missing={['guard', 'satisfaction']} />, 'en');
    expect(screen.getByRole('checkbox', { name: /I am not rushing/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByRole('group', { name: /Satisfaction/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByRole('group', { name: /Outcome/ })).not.toHaveAttribute('aria-invalid');
  });

  it('a purchase without promised benefits says so instead of showing empty rows', async () => {
    function NoBenefits() {
      return (
        <ChecklistItemField
          idPrefix="n"
          item={ITEMS[8]!}
          value={undefined}
          benefits={[]}
          onChange={() => undefined}
        />
      );
    }
    await renderWithData(<NoBenefits />, 'en');
    expect(screen.getByText(/No promised benefits were recorded/)).toBeInTheDocument();
  });
});

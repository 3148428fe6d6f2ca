import { describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CadenceSettingsSection } from '../../../renderer/features/settings/CadenceSettingsSection';
import {
  CADENCE_SETTINGS_KEY,
  loadCadenceSettings,
} from '../../../renderer/features/settings/data/cadenceSettings';
import { DEFAULT_CADENCE_SETTINGS } from '../../../shared/domain/cadence';
import { renderWithData } from '../renderApp';

describe('Settings: contact cadence', { timeout: 60_000 }, () => {
  it('saves a status default and a tag cadence, and the rules read them', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithData(<CadenceSettingsSection />, 'en');
    const section = await screen.findByRole('region', { name: 'Contact cadence' });
    expect(within(section).getByRole('textbox', { name: 'General default, days' })).toHaveValue(
      '30',
    );
    const active = within(section).getByRole('textbox', { name: 'Active' });
    expect(active).toHaveValue('30');
    await user.clear(active);
    await user.type(active, '20');
    await user.clear(within(section).getByRole('textbox', { name: 'Lost' }));
    await user.click(within(section).getByRole('button', { name: 'Add a tag' }));
    await user.type(within(section).getByRole('combobox', { name: 'Tag 1' }), 'Wholesale');
    await user.type(within(section).getByRole('textbox', { name: 'Days for tag 1' }), '10');
    await user.click(within(section).getByRole('button', { name: 'Save cadence' }));

    await waitFor(() => expect(section).toHaveTextContent('Cadence saved.'));
    expect(await loadCadenceSettings(db)).toEqual({
      defaultDays: 30,
      byStatus: { prospect: 14, active: 20, at_risk: 7, won_back: 14 },
      byTag: { Wholesale: 10 },
    });
  });

  it('bad input is shown where it is, kept as typed, and nothing is saved', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithData(<CadenceSettingsSection />, 'ru');
    const section = await screen.findByRole('region', { name: 'Как часто связываться' });
    const general = within(section).getByRole('textbox', { name: 'Общий срок, дней' });
    await user.clear(general);
    await user.type(general, '4,5');
    await user.click(within(section).getByRole('button', { name: 'Добавить метку' }));
    await user.type(within(section).getByRole('combobox', { name: 'Метка 1' }), 'опт');
    await user.type(within(section).getByRole('textbox', { name: 'Дней для метки 1' }), '7');
    await user.click(within(section).getByRole('button', { name: 'Добавить метку' }));
    await user.type(within(section).getByRole('combobox', { name: 'Метка 2' }), 'ОПТ ');
    await user.type(within(section).getByRole('textbox', { name: 'Дней для метки 2' }), '9');
    await user.click(within(section).getByRole('button', { name: 'Сохранить сроки' }));

    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'Ничего не сохранено: исправьте отмеченные поля и сохраните снова.',
    );
    expect(general).toHaveValue('4,5');
    expect(general).toHaveAccessibleDescription('Введите целое число дней от 1 до 3650.');
    expect(within(section).getByRole('combobox', { name: 'Метка 2' })).toHaveAccessibleDescription(
      'Эта метка уже есть в списке.',
    );
    expect(await db.meta.get(CADENCE_SETTINGS_KEY)).toBeUndefined();

    // Fixed, it saves; a removed row is gone from the settings.
    await user.clear(general);
    await user.type(general, '25');
    await user.click(within(section).getByRole('button', { name: 'Убрать метку ОПТ' }));
    await user.click(within(section).getByRole('button', { name: 'Сохранить сроки' }));
    await waitFor(async () =>
      expect(await loadCadenceSettings(db)).toEqual({
        ...DEFAULT_CADENCE_SETTINGS,
        defaultDays: 25,
        byTag: { опт: 7 },
      }),
    );
  });
});

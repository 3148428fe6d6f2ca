import { describe, it, expect } from 'vitest';
import { setLanguage } from '../../../renderer/i18n';
import { initI18n } from '../../../renderer/app/i18n';

describe('texts', () => {
  it('Russian counts use the right plural form', async () => {
    const i18n = initI18n('ru');
    await setLanguage('ru');
    expect([1, 2, 5, 21, 22, 25, 11].map((count) => i18n.t('clients.count', { count }))).toEqual([
      '1 клиент',
      '2 клиента',
      '5 клиентов',
      '21 клиент',
      '22 клиента',
      '25 клиентов',
      '11 клиентов',
    ]);
    await setLanguage('en');
    expect(i18n.t('clients.count', { count: 2 })).toBe('2 clients');
  });
});

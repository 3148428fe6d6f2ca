import { describe, it, expect } from 'vitest';
import { clientSortKey } from '../../../shared/domain/clientName';

describe('client sort key', () => {
  it('sets aside legal forms and quotes so a client is found under its own name', () => {
    expect(clientSortKey('ООО «Вкусный город»')).toBe('Вкусный город');
    expect(clientSortKey('АО "Альянс-Трейд"')).toBe('Альянс-Трейд');
    expect(clientSortKey('ИП Петров Иван')).toBe('Петров Иван');
    expect(clientSortKey('Acme LLC')).toBe('Acme LLC');
    expect(clientSortKey('LLC Acme')).toBe('Acme');
  });

  it('keeps names that only look like a legal form, and a name that is nothing but one', () => {
    expect(clientSortKey('Аоста')).toBe('Аоста');
    expect(clientSortKey('Ипподром')).toBe('Ипподром');
    expect(clientSortKey('ООО')).toBe('ООО');
  });
});

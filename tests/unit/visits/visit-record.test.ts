// Issue 11 item 5: a finished visit reads back every answer in the template's words: the post-sale
// answers (follow-through with the remarks of «With issues», satisfaction, promise vs reality),
// the closing signals, method, lost reason and its comment; unanswered items are left out.
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../shared/domain';
import {
  CLOSING_ITEMS,
  CLOSING_TEMPLATE,
  POST_SALE_ITEMS,
  POST_SALE_TEMPLATE,
} from '../../../shared/domain/templates';
import { pickText } from '../../../renderer/i18n/localize';
import {
  remarksKey,
  visitRecord,
  type RecordWords,
} from '../../../renderer/features/visits/visitRecord';

const words = (lang: 'ru' | 'en'): RecordWords => ({
  pick: (text) => pickText(text, lang),
  yes: lang === 'ru' ? 'Да' : 'Yes',
  no: lang === 'ru' ? 'Нет' : 'No',
  reality: (r) => r ?? 'not rated',
  remarks: (text) => (lang === 'ru' ? `Замечания: ${text}` : `Remarks: ${text}`),
  formatDay: (day) => `day ${day}`,
});

const rowsOf = (steps: ReturnType<typeof visitRecord>) =>
  Object.fromEntries(steps.flatMap((s) => s.rows.map((r) => [r.label, r.values])));

describe('visitRecord', () => {
  it('reads back the post-sale answers, with the remarks of a follow-through «with issues»', () => {
    const answers: Record<string, Answer> = {
      [POST_SALE_ITEMS.promises]: [
        { benefitId: 'b1', reality: 'below', comment: 'экономия 12%, а не 20%' },
        { benefitId: 'b2', reality: null, comment: '' },
      ],
      [POST_SALE_ITEMS.delivery]: 'as_agreed',
      [POST_SALE_ITEMS.installation]: 'with_issues',
      [remarksKey(POST_SALE_ITEMS.installation)]: 'Не подключён датчик температуры',
      [POST_SALE_ITEMS.problemsFound]: false,
      [POST_SALE_ITEMS.satisfaction]: 4,
      [POST_SALE_ITEMS.buyAgain]: 'probably',
      [POST_SALE_ITEMS.nextSteps]: '',
    };
    const benefits = [
      { id: 'b1', text: 'Экономия 20% электроэнергии' },
      { id: 'b2', text: 'Поставка за 3 дня' },
    ];
    const ru = rowsOf(visitRecord(POST_SALE_TEMPLATE, answers, benefits, words('ru')));
    expect(ru['Обещанные выгоды']).toEqual([
      'Экономия 20% электроэнергии — below — экономия 12%, а не 20%',
      'Поставка за 3 дня — not rated',
    ]);
    expect(ru['Поставка']).toEqual(['Как договаривались']);
    expect(ru['Установка, монтаж']).toEqual([
      'С замечаниями',
      'Замечания: Не подключён датчик температуры',
    ]);
    expect(ru['Найдены проблемы']).toEqual(['Нет']);
    expect(ru['Насколько клиент доволен покупкой']).toEqual(['4 / 5']);
    expect(ru['Купит ли снова']).toEqual(['Скорее да']);
    // Not answered: not listed (training, payment, empty next steps).
    expect(ru['Обучение персонала']).toBeUndefined();
    expect(ru['О чём договорились']).toBeUndefined();

    const en = rowsOf(visitRecord(POST_SALE_TEMPLATE, answers, benefits, words('en')));
    expect(en['Installation']).toEqual(['With issues', 'Remarks: Не подключён датчик температуры']);
  });

  it('reads back the closing signals, the method, the lost reason and its comment', () => {
    const answers: Record<string, Answer> = {
      [CLOSING_ITEMS.verbalSignals]: ['asks_price'],
      [CLOSING_ITEMS.method]: ['assumptive'],
      [CLOSING_ITEMS.outcome]: ['lost'],
      [CLOSING_ITEMS.lostReason]: ['price'],
      [CLOSING_ITEMS.lostComment]: 'Дорого для котельной №3',
      // Answered before the outcome changed: a won-only item no longer applies, so not shown.
      [CLOSING_ITEMS.promisedBenefits]: 'Экономия',
    };
    const steps = visitRecord(CLOSING_TEMPLATE, answers, [], words('en'));
    const rows = rowsOf(steps);
    expect(rows['Reason']).toEqual(['Price']);
    expect(rows['Comment']).toEqual(['Дорого для котельной №3']);
    expect(rows['How the meeting ended']).toEqual(['Lost']);
    expect(Object.values(rows).flat()).not.toContain('Экономия');
    expect(steps.map((s) => s.title)).toContain('Closing method');
  });
});

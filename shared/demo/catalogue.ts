/**
 * What the demo rep sells: kitchen and bakery equipment for HoReCa and retail, with the
 * consumables, spare parts and service that follow the sale (docs/domain.md §2: they often earn more
 * than the equipment). Prices are list prices in roubles.
 */
export interface CatalogueItem {
  ru: string;
  en: string;
  priceRub: number;
  kind: 'equipment' | 'consumable' | 'spare_part';
}

function item(
  ru: string,
  en: string,
  priceRub: number,
  kind: CatalogueItem['kind'],
): CatalogueItem {
  return { ru, en, priceRub, kind };
}

export const CATALOGUE: readonly CatalogueItem[] = [
  item(
    'Пароконвектомат Rational iCombi Pro 6-1/1',
    'Rational iCombi Pro 6-1/1 combi oven',
    1_450_000,
    'equipment',
  ),
  item(
    'Пароконвектомат Unox Cheftop 10 уровней',
    'Unox Cheftop 10-tray combi oven',
    1_180_000,
    'equipment',
  ),
  item(
    'Кофемашина La Marzocco Linea PB, 2 группы',
    'La Marzocco Linea PB 2-group espresso machine',
    1_020_000,
    'equipment',
  ),
  item('Кофемолка Mahlkönig E65S', 'Mahlkönig E65S grinder', 265_000, 'equipment'),
  item(
    'Посудомоечная машина Winterhalter UC-M',
    'Winterhalter UC-M dishwasher',
    540_000,
    'equipment',
  ),
  item(
    'Купольная посудомоечная машина Hobart',
    'Hobart hood-type dishwasher',
    890_000,
    'equipment',
  ),
  item(
    'Холодильный шкаф Polair CM107-S',
    'Polair CM107-S refrigerated cabinet',
    98_000,
    'equipment',
  ),
  item('Шкаф шоковой заморозки Irinox', 'Irinox blast chiller', 760_000, 'equipment'),
  item('Тестомес спиральный Sigma 25 л', 'Sigma 25 l spiral dough mixer', 310_000, 'equipment'),
  item('Печь подовая для пиццы', 'Deck pizza oven', 420_000, 'equipment'),
  item('Расстоечный шкаф на 16 уровней', '16-tray proofing cabinet', 185_000, 'equipment'),
  item('Весы торговые с печатью этикеток', 'Retail scales with label printer', 64_000, 'equipment'),
  item('Льдогенератор Brema 50 кг/сут', 'Brema ice maker, 50 kg/day', 240_000, 'equipment'),
  item('Кухонный процессор Robot Coupe R5', 'Robot Coupe R5 food processor', 175_000, 'equipment'),
  item('Фильтр для воды Brita Purity C500', 'Brita Purity C500 water filter', 18_500, 'consumable'),
  item(
    'Таблетки для чистки пароконвектомата (150 шт.)',
    'Combi oven cleaning tablets (150)',
    21_000,
    'consumable',
  ),
  item('Средство от накипи, 10 л', 'Descaler, 10 l', 6_800, 'consumable'),
  item(
    'Моющее средство для посудомоечных машин, 20 л',
    'Dishwasher detergent, 20 l',
    7_900,
    'consumable',
  ),
  item('Уплотнитель двери пароконвектомата', 'Combi oven door gasket', 12_400, 'spare_part'),
  item('Группа в сборе для кофемашины', 'Espresso group head assembly', 46_000, 'spare_part'),
  item('Тэн для посудомоечной машины', 'Dishwasher heating element', 15_300, 'spare_part'),
];

export const EQUIPMENT = CATALOGUE.filter((i) => i.kind === 'equipment');
export const AFTER_SALE = CATALOGUE.filter((i) => i.kind !== 'equipment');

/** Roubles per unit of the currencies demo purchases are made in. */
export const RUB_PER: Readonly<Record<'RUB' | 'EUR' | 'USD', number>> = {
  RUB: 1,
  EUR: 98,
  USD: 90,
};

/** Russian names, companies, addresses and phone numbers as reps write them. */
import type { DemoRandom } from '../random';
import type { Gender, PersonName } from '../locale';
import { list, pairs } from '../text';
import { translit } from '../translit';

const MALE =
  list(`Александр|Алексей|Андрей|Антон|Артём|Борис|Вадим|Виктор|Владимир|Дмитрий|Евгений|Игорь
  |Илья|Кирилл|Константин|Максим|Михаил|Никита|Николай|Олег|Павел|Роман|Руслан|Сергей|Станислав|Тимур
  |Фёдор|Юрий|Ярослав|Григорий|Ринат|Эдуард`);
const FEMALE = list(`Александра|Алина|Анастасия|Анна|Валентина|Вера|Виктория|Галина|Дарья|Евгения
  |Екатерина|Елена|Жанна|Ирина|Юлия|Ксения|Лариса|Людмила|Марина|Мария|Наталья|Нина|Ольга|Полина
  |Светлана|Софья|Татьяна|Яна|Зарина|Эльвира`);
const PATRONYMICS = pairs(`Александрович/Александровна|Алексеевич/Алексеевна|Андреевич/Андреевна
  |Борисович/Борисовна|Викторович/Викторовна|Владимирович/Владимировна|Дмитриевич/Дмитриевна
  |Евгеньевич/Евгеньевна|Игоревич/Игоревна|Ильич/Ильинична|Константинович/Константиновна
  |Михайлович/Михайловна|Николаевич/Николаевна|Олегович/Олеговна|Павлович/Павловна|Петрович/Петровна
  |Романович/Романовна|Сергеевич/Сергеевна|Юрьевич/Юрьевна|Фёдорович/Фёдоровна|Григорьевич/Григорьевна`);
const SURNAMES =
  list(`Иванов|Петров|Смирнов|Кузнецов|Попов|Васильев|Соколов|Михайлов|Новиков|Фёдоров
  |Морозов|Волков|Алексеев|Лебедев|Семёнов|Егоров|Павлов|Козлов|Степанов|Николаев|Орлов|Андреев
  |Макаров|Никитин|Захаров|Зайцев|Соловьёв|Борисов|Яковлев|Григорьев|Романов|Воробьёв|Сергеев
  |Кудрявцев|Белов|Тарасов|Беляев|Комаров|Жуков|Гусев|Титов|Ершов|Щербаков|Калинин|Ковалевский
  |Островский|Вишневский|Белецкий|Ткаченко|Шевчук|Ким|Гарипов|Хабибуллин|Сафин|Мельник|Бондаренко
  |Кравец|Лысенко|Абрамян|Цой`);
const CHILDREN =
  list(`Маша|Даша|Соня|Аня|Алиса|Вика|Полина|Варя|Ева|Милана|Артём|Миша|Ваня|Саша|Лёва
  |Тимофей|Матвей|Егор|Серёжа|Костя|Дима`);

function feminine(surname: string): string {
  if (/(ский|цкий)$/.test(surname)) return surname.slice(0, -2) + 'ая';
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return surname + 'а';
  return surname;
}

export function ruPersonName(rng: DemoRandom, gender?: Gender): PersonName {
  const g = gender ?? (rng.chance(0.5) ? 'm' : 'f');
  const first = rng.pick(g === 'm' ? MALE : FEMALE);
  const patronymic = rng.pick(PATRONYMICS)[g === 'm' ? 0 : 1];
  const base = rng.pick(SURNAMES);
  const last = g === 'm' ? base : feminine(base);
  return {
    gender: g,
    first,
    last,
    full: `${first} ${patronymic} ${last}`,
    listed: `${last} ${first} ${patronymic}`,
  };
}

export function ruChildName(rng: DemoRandom): string {
  return rng.pick(CHILDREN);
}

const ROOTS =
  list(`Ромашка|Вектор|Альянс|Меридиан|Гастроном|Каравай|Самовар|Бриз|Купец|Пекарь|Кулинар
  |Урожай|Магистраль|Северянка|Берёзка|Пельменная № 1|Трапеза|Шоколадница на Лесной|Чайхана|Дымок
  |Горница|Сытый кот|Профкухня|Хлебница|Теремок у моста|Блинная Ладушки`);
const SUFFIXES = ['', '', '', ' Плюс', '-Трейд', '-Сервис', '-Групп', '-Юг', '-Восток', ' 2000'];
/** Adjectives as masculine, feminine and neuter forms, to agree with the noun. */
const ADJECTIVES = list(`Хлебный/Хлебная/Хлебное|Старый/Старая/Старое|Северный/Северная/Северное
  |Добрый/Добрая/Доброе|Золотой/Золотая/Золотое|Уральский/Уральская/Уральское|Волжский/Волжская/Волжское
  |Зелёный/Зелёная/Зелёное|Солнечный/Солнечная/Солнечное|Речной/Речная/Речное|Тёплый/Тёплая/Тёплое
  |Вкусный/Вкусная/Вкусное`).map((forms) => forms.split('/'));
/** Nouns with their grammatical gender: 0 masculine, 1 feminine, 2 neuter. */
const NOUNS = list(`двор:0|дом:0|край:0|город:0|берег:0|очаг:0|кухня:1|пекарня:1|ферма:1|гавань:1
  |трапезная:1|подворье:2|место:2|угощение:2`).map((entry) => {
  const [noun, gender] = entry.split(':');
  return [noun ?? entry, Number(gender)] as const;
});
const LEGAL_FORMS = [
  ['ООО', 10],
  ['АО', 2],
  ['ИП', 4],
] as const;

export function ruCompanyName(rng: DemoRandom, owner: PersonName): string {
  const form = rng.weighted(LEGAL_FORMS);
  if (form === 'ИП') {
    const [first = '', patronymic = ''] = owner.full.split(' ');
    return `ИП ${owner.last} ${first.charAt(0)}. ${patronymic.charAt(0)}.`;
  }
  let title: string;
  if (rng.chance(0.5)) {
    title = rng.pick(ROOTS) + rng.pick(SUFFIXES);
  } else {
    const [noun, gender] = rng.pick(NOUNS);
    title = `${rng.pick(ADJECTIVES)[gender] ?? ''} ${noun}`;
  }
  return `${form} «${title}»`;
}

const CITIES = pairs(`Москва/101000|Санкт-Петербург/190000|Екатеринбург/620014|Новосибирск/630099
  |Казань/420111|Нижний Новгород/603005|Пермь/614000|Самара/443099|Челябинск/454091|Уфа/450077
  |Тюмень/625000|Краснодар/350000|Ростов-на-Дону/344002|Воронеж/394018|Ярославль/150000|Тверь/170100`);
const STREETS =
  list(`ул. Ленина|ул. Мира|ул. Гагарина|пр-т Победы|ул. Советская|ул. Садовая|ул. Лесная
  |наб. Реки Смоленки|ул. Баумана|пр-т Мира|ул. Пушкина|ул. Заводская|Промышленный пр.|ул. Строителей
  |ш. Энтузиастов|ул. 8 Марта|ул. Кирова|ул. Чкалова`);

export function ruAddress(rng: DemoRandom): string {
  const [city, zip] = rng.pick(CITIES);
  const house = `д. ${rng.int(1, 180)}${rng.chance(0.15) ? `, корп. ${rng.int(1, 4)}` : ''}`;
  const room = rng.chance(0.5) ? `, ${rng.pick(['оф.', 'пом.', 'кв.'])} ${rng.int(1, 420)}` : '';
  const street = `г. ${city}, ${rng.pick(STREETS)}, ${house}${room}`;
  return rng.chance(0.3) ? `${zip}, ${street}` : street;
}

const MOBILE_CODES = list('900|901|903|905|912|915|916|917|921|926|950|961|977|985|999');

/** Mobile numbers in the formats reps actually type. */
export function ruPhone(rng: DemoRandom): string {
  const code = rng.pick(MOBILE_CODES);
  const a = String(rng.int(100, 999));
  const b = String(rng.int(0, 99)).padStart(2, '0');
  const c = String(rng.int(0, 99)).padStart(2, '0');
  switch (rng.int(0, 5)) {
    case 0:
      return `+7 ${code} ${a}-${b}-${c}`;
    case 1:
      return `8 (${code}) ${a} ${b} ${c}`;
    case 2:
      return `8${code}${a}${b}${c}`;
    case 3:
      return `+7${code}${a}${b}${c}`;
    case 4:
      return `8-${code}-${a}-${b}-${c}`;
    default:
      return `+7 (${code}) ${a}-${b}-${c}`;
  }
}

export function ruEmailLocalPart(person: PersonName, rng: DemoRandom): string {
  const first = translit(person.first);
  const last = translit(person.last);
  switch (rng.int(0, 3)) {
    case 0:
      return `${first.charAt(0)}.${last}`;
    case 1:
      return `${last}.${first}`;
    case 2:
      return `${first}${rng.int(70, 99)}`;
    default:
      return last;
  }
}

export function ruEmailDomain(company: string | null, rng: DemoRandom): string {
  if (company === null) return rng.pick(['mail.ru', 'yandex.ru', 'bk.ru', 'inbox.ru', 'gmail.com']);
  const quoted = /«([^»]+)»/.exec(company)?.[1];
  const base = translit(quoted ?? company.replace(/^ИП\s+/, '').split(' ')[0] ?? '');
  return `${base || 'firma'}.${rng.pick(['ru', 'ru', 'ru', 'com', 'su'])}`;
}

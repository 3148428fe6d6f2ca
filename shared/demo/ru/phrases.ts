/** Sentences Russian-speaking reps write in notes and the contact log, assembled from fragments. */
import type { ContactType } from '../../domain/contact';
import type { ContactSubtype, PhraseContext } from '../locale';
import type { DemoRandom } from '../random';
import { RU_PROBLEMS } from './commerce';
import { capitalize, fillTemplate, list, type Slots } from '../text';

const SLOTS: Slots = {
  request:
    list(`прислать счёт на расходные материалы|перенести обучение персонала|скидку на следующий заказ
    |привезти демо-образец|продлить гарантию|сравнение с конкурентом по цене|инструкцию на русском языке`),
  topic:
    list(`график поставок|условия оплаты|сервисный договор|обучение новых сотрудников|расширение кухни
    |замену старой посудомойки|сезонную акцию|цены на следующий квартал|лизинг`),
  agreement: list(
    `созвониться|встретиться на объекте|провести дегустацию|отправить КП|сделать пробный заказ`,
  ),
  when: list(`на следующей неделе|в понедельник|после праздников|в начале месяца|до конца квартала
    |через две недели|завтра`),
  todo: list(`подготовить КП|уточнить наличие на складе|согласовать монтаж|отправить акт сверки
    |передать заявку в сервис|проверить статус доставки`),
  deadline: list(`понедельника|вторника|среды|четверга|пятницы|конца месяца`),
  mood: list(`настроение хорошее|клиент спокоен|всё устраивает|ждут новинок|просят не затягивать`),
  channel: list(`в WhatsApp|в Telegram|по почте|по телефону после обеда`),
  competitor: list(`«Рустехника»|«ПроффКитчен»|местный дилер|интернет-магазин`),
  offer: list(`скидку 10%|рассрочку на год|бесплатную доставку|подменное оборудование`),
  consumables: list(`фильтры для воды|моющие таблетки|средство от накипи|уплотнители дверцы`),
  referral: list(
    `соседи по торговому центру|знакомый шеф-повар|коллеги из сети «Каравай»|наш сервисный инженер`,
  ),
  plan: list(
    `открыть вторую точку|обновить линию выпечки|ремонт кухни летом|расширить меню завтраков`,
  ),
  how: list(`хорошо|напряжённо, но по делу|в дружеской обстановке|быстро, клиент торопился`),
  suggestion:
    list(`присылать напоминание о ТО заранее|делать доставку по субботам|выложить видеоинструкции
    |добавить оплату по QR-коду`),
  feedback:
    list(`всё отлично|есть вопросы по настройке|довольны скоростью|ждут обучения второй смены
    |расход воды заметно снизился`),
  promo:
    list(`новой линейке кофемашин|скидке на расходные материалы до конца месяца|выставке оборудования
    |программе trade-in для старых печей|бесплатном вебинаре для поваров`),
  area: list(`сроки доставки|работу сервиса|удобство заказа|документооборот|качество упаковки`),
  occasion: list(`с днём рождения|с Новым годом|с открытием новой точки|с юбилеем компании
    |с профессиональным праздником`),
  start: list(`1-го числа следующего месяца|начала нового квартала|следующей поставки`),
  problem: RU_PROBLEMS.map((p) => p.charAt(0).toLowerCase() + p.slice(1)),
};

const NOTE_SENTENCES = list(`{person} просит {request}.|Обсудили {topic}.
  |{person} интересуется условиями на позицию «{item}».|Оборудование «{item}» работает без нареканий.
  |Обещание «{benefit}» подтвердилось, клиент это отметил.|Договорились {agreement} {when}.
  |Нужно {todo} до {deadline}.|Напомнить про {topic} {when}.|Жалоб нет, {mood}.
  |{person} просит связаться {when}, лучше {channel}.|Конкурент {competitor} предлагал {offer}, клиент пока с нами.
  |На складе у клиента заканчиваются {consumables}.|Откуда узнали о нас: {referral}.|Планируют {plan}.
  |Встреча прошла {how}.|Есть замечание: {problem}.|{person} спрашивает про {topic}.`);

export function ruNoteSentence(rng: DemoRandom, context: PhraseContext): string {
  return capitalize(fillTemplate(rng.pick(NOTE_SENTENCES), rng, SLOTS, context));
}

const SUMMARIES: Readonly<Record<string, readonly string[]>> = {
  complaint: list(`Жалоба: {problem}.|Звонок от клиента ({person}): {problem}.
    |Пришло письмо с претензией: {problem}.`),
  suggestion: list(`{person} предлагает {suggestion}.|Пожелание клиента: {suggestion}.`),
  seller_initiated: list(`Позвонил узнать, как работает «{item}»: {feedback}.
    |Собрал обратную связь: {feedback}.|Уточнил степень удовлетворённости, {feedback}.`),
  marketing: list(`Рассказал о {promo}.|Отправил рассылку о {promo}.`),
  cooperation: list(
    `Обсудили {area}, чтобы понять, что улучшить.|Обсудили с клиентом ({person}) {area}.`,
  ),
  friendly: list(`Поздравил {occasion}.|Отправил благодарственное письмо за сотрудничество.
    |Пригласил на дегустацию для постоянных клиентов.`),
  delay: list(`Заранее предупредил о задержке поставки «{item}» на {n} дн.
    |Честно сообщил, что монтаж сдвигается на {n} дн., объяснил причину.`),
  price_change: list(`Сообщил о повышении цен с {start}, объяснил причины.
    |Предупредил об изменении прайса с {start}.`),
};

export function ruContactSummary(
  rng: DemoRandom,
  type: ContactType,
  subtype: ContactSubtype,
  context: PhraseContext,
): string {
  const key = subtype === 'none' ? type : subtype;
  const templates = SUMMARIES[key] ?? SUMMARIES.seller_initiated ?? [];
  return capitalize(fillTemplate(rng.pick(templates), rng, SLOTS, context));
}

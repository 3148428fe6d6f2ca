/**
 * The CSV both import benches read: a Russian Excel export (semicolons, every tenth row with a
 * quoted note holding a line break), to be encoded as Windows-1251. Pure, so the Node bench and
 * the Chromium bench page build the same file.
 */
export interface RussianExcelCsvOptions {
  /** Names of clients already in the book: every `duplicateEvery`-th row repeats one of them. */
  existingNames?: readonly string[];
  duplicateEvery?: number;
}

export function russianExcelCsv(rows: number, options: RussianExcelCsvOptions = {}): string {
  const lines = [
    'Название;Контактное лицо;Телефон;E-mail;Теги;Статус;Город;Адрес;День рождения;Примечание',
  ];
  const cities = ['Казань', 'Москва', 'Самара', 'Екатеринбург'];
  const statuses = ['активный', 'потенциальный', 'под угрозой', ''];
  const existing = options.existingNames ?? [];
  const every = options.duplicateEvery ?? 0;
  let reused = 0;
  for (let i = 0; i < rows; i++) {
    const d = String(i).padStart(7, '0');
    const phone = `8 (9${String(i % 100).padStart(2, '0')}) ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
    const note =
      i % 10 === 0 ? '"Склад во дворе;\r\nвъезд с ""торца"""' : 'Обсудили поставку фильтров';
    const twin = every > 0 && i % every === every - 1 && reused < existing.length;
    const name = twin ? `"${existing[reused++]!.replace(/"/g, '""')}"` : `ООО «Подсолнух ${i}»`;
    lines.push(
      [
        name,
        `Пётр Семёнов ${i}`,
        phone,
        `client${i}@example.ru`,
        i % 3 === 0 ? 'опт, HoReCa' : 'розница',
        statuses[i % statuses.length],
        cities[i % cities.length],
        `ул. Баумана, ${1 + (i % 99)}`,
        i % 4 === 0 ? `${1 + (i % 28)}.0${1 + (i % 9)}.1980` : '',
        note,
      ].join(';'),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

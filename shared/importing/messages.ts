import type { FileErrorCode, RowErrorCode } from './errors';

/**
 * The import's texts in both languages, as i18next resources (keys `import.error.<code>` and
 * `import.report.*`), for renderer/i18n to merge. Written for the rep: what happened and what to
 * do next. Values in {{…}} come from the error's params.
 */
type ImportTexts = {
  import: {
    error: Record<FileErrorCode | RowErrorCode, string>;
    report: { row: string; column: string; reason: string };
  };
};

export const IMPORT_TEXTS: { en: ImportTexts; ru: ImportTexts } = {
  en: {
    import: {
      error: {
        empty_file: 'The file is empty. Choose the file that holds your clients.',
        file_too_large:
          'The file is larger than {{maxMb}} MB. Split it into smaller files and import them one by one.',
        binary_file: 'This is not a text file. Export your clients as CSV and import that file.',
        spreadsheet_file:
          'This is an Excel workbook. In Excel choose File → Save As → "CSV UTF-8", then import that file.',
        unknown_encoding:
          'The file’s encoding could not be recognised. In Excel save it as "CSV UTF-8" and try again.',
        no_rows:
          'The file has no rows to import. Check that it is the right file and that it is not only a heading row.',
        unclosed_quote:
          'A quotation mark opened in row {{row}} is never closed, so the rest of the file cannot be read. Fix the quotes in that row and try again.',
        field_too_long:
          'A value starting in row {{row}} is too long; a quotation mark is probably missing. Fix that row and try again.',
        not_vcard: 'This is not a vCard (.vcf) file. Export the contacts as vCard and try again.',
        broken_quoting: 'The quotation marks in this row are broken; check the values.',
        too_many_fields:
          'The row has {{got}} values but the heading has {{expected}} columns; a value probably contains an unquoted separator.',
        too_few_fields:
          'The row has {{got}} values but the heading has {{expected}} columns; it is probably separated by another character than the rest of the file (a comma instead of a semicolon). Fix the row or skip it.',
        name_required: 'The name is missing.',
        bad_email: '"{{value}}" is not an e-mail address.',
        bad_phone: '"{{value}}" is not a phone number.',
        bad_birthday: '"{{value}}" is not a date. Write it as 15.03.1980 or 15.03.',
        impossible_date:
          '"{{value}}" is a day that does not exist (check the day and the month). The date was not imported; fix it in the file or enter it later.',
        implausible_date:
          '"{{value}}": the year is before {{min}} or after {{max}}. Check that it is right; the date is imported as written if you keep this row.',
        bad_status:
          '"{{value}}" is not a client status. Use prospect, active, at risk, lost or won back.',
        bad_kind: '"{{value}}" is not a client type. Use company or private person.',
        bad_cadence: '"{{value}}" is not a number of days between 1 and 3650.',
        value_too_long: 'A value is too long or there are too many of them.',
        duplicate_in_file: 'The same client as in row {{row}}.',
        vcard_no_name: 'The contact has no name, company or e-mail.',
        vcard_unterminated:
          'The contact "{{name}}" is cut off (no END:VCARD): it was read up to line {{lastLine}}. Check it after import.',
        vcard_no_begin:
          'The contact "{{name}}" does not start with BEGIN:VCARD (the line reads "{{begin}}"). It was read anyway; check it after import.',
      },
      report: { row: 'Row', column: 'Column', reason: 'Problem' },
    },
  },
  ru: {
    import: {
      error: {
        empty_file: 'Файл пустой. Выберите файл, в котором есть ваши клиенты.',
        file_too_large:
          'Файл больше {{maxMb}} МБ. Разделите его на несколько файлов и загрузите по очереди.',
        binary_file:
          'Это не текстовый файл. Выгрузите клиентов в формате CSV и загрузите этот файл.',
        spreadsheet_file:
          'Это книга Excel. В Excel выберите «Файл → Сохранить как → CSV UTF-8» и загрузите получившийся файл.',
        unknown_encoding:
          'Не удалось определить кодировку файла. Сохраните его в Excel как «CSV UTF-8» и попробуйте снова.',
        no_rows:
          'В файле нет строк для загрузки. Проверьте, что это нужный файл и в нём есть не только заголовок.',
        unclosed_quote:
          'Кавычка, открытая в строке {{row}}, нигде не закрыта, поэтому остаток файла прочитать нельзя. Исправьте кавычки в этой строке и попробуйте снова.',
        field_too_long:
          'Значение, начинающееся в строке {{row}}, слишком длинное — вероятно, пропущена кавычка. Исправьте эту строку и попробуйте снова.',
        not_vcard:
          'Это не файл vCard (.vcf). Выгрузите контакты в формате vCard и попробуйте снова.',
        broken_quoting: 'В строке нарушены кавычки — проверьте значения.',
        too_many_fields:
          'В строке {{got}} значений, а в заголовке {{expected}} столбцов — вероятно, в значении есть разделитель без кавычек.',
        too_few_fields:
          'В строке {{got}} значений, а в заголовке {{expected}} столбцов — вероятно, строка разделена другим знаком, чем остальной файл (запятой вместо точки с запятой). Исправьте строку или пропустите её.',
        name_required: 'Не указано название.',
        bad_email: '«{{value}}» — не адрес электронной почты.',
        bad_phone: '«{{value}}» — не номер телефона.',
        bad_birthday: '«{{value}}» — не дата. Пишите так: 15.03.1980 или 15.03.',
        impossible_date:
          '«{{value}}» — такого дня не бывает (проверьте число и месяц). Дата не загружена: исправьте её в файле или введите позже.',
        implausible_date:
          '«{{value}}»: год раньше {{min}} или позже {{max}}. Проверьте, верно ли это; если оставите строку, дата загрузится как записана.',
        bad_status:
          '«{{value}}» — не статус клиента. Используйте: потенциальный, действующий, под угрозой ухода, ушёл, возвращён.',
        bad_kind: '«{{value}}» — не тип клиента. Используйте: организация или частное лицо.',
        bad_cadence: '«{{value}}» — не число дней от 1 до 3650.',
        value_too_long: 'Значение слишком длинное или значений слишком много.',
        duplicate_in_file: 'Тот же клиент, что и в строке {{row}}.',
        vcard_no_name: 'У контакта нет имени, компании или e-mail.',
        vcard_unterminated:
          'Контакт «{{name}}» оборван (нет END:VCARD): прочитан до строки {{lastLine}}. Проверьте его после загрузки.',
        vcard_no_begin:
          'Контакт «{{name}}» не начинается со строки BEGIN:VCARD (там написано «{{begin}}»). Он всё равно прочитан — проверьте его после загрузки.',
      },
      report: { row: 'Строка', column: 'Столбец', reason: 'Проблема' },
    },
  },
};

/**
 * i18next plural keys. Russian needs one/few/many (1 клиент, 2 клиента, 5 клиентов; "other" is
 * for fractions); English has one/other but carries the same keys so `ru: typeof en` type-checks.
 */
type PluralKeys<K extends string> = `${K}_one` | `${K}_few` | `${K}_many` | `${K}_other`;

export function enPlural<K extends string>(
  key: K,
  one: string,
  other: string,
): Record<PluralKeys<K>, string> {
  return {
    [`${key}_one`]: one,
    [`${key}_few`]: other,
    [`${key}_many`]: other,
    [`${key}_other`]: other,
  } as Record<PluralKeys<K>, string>;
}

export function ruPlural<K extends string>(
  key: K,
  one: string,
  few: string,
  many: string,
): Record<PluralKeys<K>, string> {
  return {
    [`${key}_one`]: one,
    [`${key}_few`]: few,
    [`${key}_many`]: many,
    [`${key}_other`]: few,
  } as Record<PluralKeys<K>, string>;
}

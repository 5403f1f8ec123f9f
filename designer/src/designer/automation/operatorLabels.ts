// Operator names as a key user reads them, in both languages.
export const operatorLabels: Record<string, { en: string; tr: string }> = {
  eq: { en: 'is', tr: 'eşittir' },
  ne: { en: 'is not', tr: 'eşit değildir' },
  gt: { en: 'is greater than / after', tr: 'büyüktür / sonradır' },
  ge: { en: 'is at least / on or after', tr: 'en az / o gün veya sonra' },
  lt: { en: 'is less than / before', tr: 'küçüktür / öncedir' },
  le: { en: 'is at most / on or before', tr: 'en çok / o gün veya önce' },
  in: { en: 'is one of', tr: 'şunlardan biri' },
  notIn: { en: 'is none of', tr: 'şunlardan hiçbiri' },
  contains: { en: 'contains', tr: 'içerir' },
  startsWith: { en: 'starts with', tr: 'ile başlar' },
  endsWith: { en: 'ends with', tr: 'ile biter' },
  has: { en: 'has the option', tr: 'seçeneğini içerir' },
  isNull: { en: 'is empty', tr: 'boştur' },
  isNotNull: { en: 'is filled in', tr: 'doludur' },
  changed: { en: 'was changed', tr: 'değişti' },
}

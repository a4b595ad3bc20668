/**
 * Lower-case, diacritics removed: "Złota rączka" → "zlota raczka". NFD does not split "ł", so it is mapped
 * by hand. The same function prepares stored text and typed queries, so both sides match.
 */
export function normaliseSearchText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ł/g, "l")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Words of a query, each of which must appear. Polish inflects endings ("złota rączka", "złotej rączki"),
 * so a longer word loses its final vowel: "zlota" matches as "zlot", "opieka" as "opiek".
 */
export function searchTerms(query: string): string[] {
  return normaliseSearchText(query)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 2)
    .map((word) => (word.length >= 5 && /[aeiouy]$/.test(word) ? word.slice(0, -1) : word))
    .slice(0, 8);
}

/**
 * Words of a name search, folded like the stored name (db/schema/plans.ts keeps residents.search_name so):
 * letters and digits, split at anything else, at most five.
 */
export function searchWords(query: string): string[] {
  return normaliseSearchText(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 5);
}

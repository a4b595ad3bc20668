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

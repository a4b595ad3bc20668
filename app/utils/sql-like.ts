/** Escapes a person's search text for LIKE/ILIKE, so % and _ match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

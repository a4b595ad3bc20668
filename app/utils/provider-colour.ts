/**
 * A stable colour per provider for the shared calendar. Each has at least 4.5:1 contrast with white text,
 * so event titles stay readable (WCAG 2.1 AA).
 */
const palette = ["#0b4f6c", "#8a3b12", "#1e6b34", "#6b2c91", "#9b1c4a", "#2f4b9a", "#6a5400", "#00695c", "#5d4037", "#37474f"];

const centreOwn = "#4a5560";

/** Colours for a centre's providers in the order given, so the first ten are all distinct. */
export function providerColours(providerIds: string[]): Record<string, string> {
  return Object.fromEntries(providerIds.map((id, i) => [id, palette[i % palette.length]!]));
}

export function colourOf(colours: Record<string, string>, providerId: string | null): string {
  return (providerId && colours[providerId]) || centreOwn;
}

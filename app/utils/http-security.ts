/**
 * HTTP-level protections shared by the server: cross-origin write refusal and the CSP.
 * Pure functions (no database), so server.ts can load them before the app build.
 */

/** The largest request body the portal takes: forms are far smaller (see the boundary's own limit). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Endpoints called by other sites by design (e.g. Stripe webhooks, verified by signature instead). */
export const CROSS_ORIGIN_WRITE_PATHS = ["/webhooks/"];

export type RequestFacts = {
  method: string;
  path: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
};

/**
 * A mutating request is refused when the browser tells us it came from another origin:
 * by its Origin header, or, when that is missing, by Sec-Fetch-Site.
 */
export function isCrossOriginWrite(facts: RequestFacts): boolean {
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return false;
  if (CROSS_ORIGIN_WRITE_PATHS.some((prefix) => facts.path.startsWith(prefix))) return false;
  if (facts.origin) {
    if (facts.origin === "null") return true;
    try {
      return new URL(facts.origin).host !== facts.host;
    } catch {
      return true;
    }
  }
  return facts.secFetchSite === "cross-site" || facts.secFetchSite === "same-site";
}

/** Where a payment form sends the resident: Stripe's hosted checkout, or the local stand-in's (docs/decisions/014). */
export function checkoutOrigin(): string {
  if (process.env.STRIPE_SECRET_KEY) return "https://checkout.stripe.com";
  const port = Number(process.env.STRIPE_STANDIN_PORT ?? Number(process.env.PORT ?? 3000) + 2);
  return new URL(process.env.STRIPE_STANDIN_PUBLIC_URL ?? `http://localhost:${port}`).origin;
}

export function contentSecurityPolicy(options: { nonce: string; development: boolean; framable?: boolean; checkoutOrigin?: string }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${options.nonce}'`],
    // The calendar (FullCalendar) injects one <style> element; it carries this nonce (see root.tsx).
    "style-src": ["'self'", `'nonce-${options.nonce}'`],
    "img-src": ["'self'", "data:"],
    // FullCalendar's icon font is embedded as a data: URL.
    "font-src": ["'self'", "data:"],
    "connect-src": options.development ? ["'self'", "ws:"] : ["'self'"],
    "frame-src": ["'self'"],
    // A pay button's redirect goes to the checkout page; browsers check form-action on that redirect too.
    "form-action": options.checkoutOrigin ? ["'self'", options.checkoutOrigin] : ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": options.framable ? ["'self'"] : ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Emails shown in the development mailbox keep their inline styles and may be framed by the mailbox page. */
export const MAILBOX_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

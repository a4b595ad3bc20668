import { contentSecurityPolicy, isCrossOriginWrite } from "~/utils/http-security";

const base = { path: "/sign-in", host: "portal.cus.example", origin: undefined, secFetchSite: undefined };

describe("cross-origin writes", () => {
  it("refuses a POST from another origin", () => {
    expect(isCrossOriginWrite({ ...base, method: "POST", origin: "https://evil.example" })).toBe(true);
    expect(isCrossOriginWrite({ ...base, method: "POST", origin: "null" })).toBe(true);
    expect(isCrossOriginWrite({ ...base, method: "POST", secFetchSite: "cross-site" })).toBe(true);
  });

  it("allows same-origin writes, reads from anywhere, and webhooks", () => {
    expect(isCrossOriginWrite({ ...base, method: "POST", origin: "https://portal.cus.example" })).toBe(false);
    expect(isCrossOriginWrite({ ...base, method: "POST", secFetchSite: "same-origin" })).toBe(false);
    expect(isCrossOriginWrite({ ...base, method: "GET", origin: "https://evil.example" })).toBe(false);
    expect(isCrossOriginWrite({ ...base, method: "POST", path: "/webhooks/stripe", origin: "https://stripe.example" })).toBe(false);
  });

  it("builds a CSP that allows only nonce'd inline scripts and no framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
  });
});

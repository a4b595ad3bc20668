import AxeBuilder from "@axe-core/playwright";
import { expect, request as httpRequest, test as base, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_EMAIL_DOMAIN } from "../../db/demo-accounts";
import { CLOCK_START, fixturesURL } from "../../playwright.config";

/** The day the test server's clock starts on (a Monday), and days around it, as the pages show them. */
export const TODAY = CLOCK_START.slice(0, 10);
export function dayFromToday(days: number): string {
  const d = new Date(`${TODAY}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** The weekday (1 = Monday) of the week `weeksAhead` weeks after today's. */
export function weekdayAhead(isoWeekday: number, weeksAhead: number): string {
  return dayFromToday(7 * weeksAhead + isoWeekday - 1);
}

/** A browser context whose clock reads the test server's (pages and the calendar agree on what "today" is). */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.clock.setFixedTime(new Date(CLOCK_START));
  return context;
}

/** Another person, signed in, in a context of their own. */
export async function openAs(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, email, password);
  return page;
}

export type FixtureResident = { id: string; firstName: string; lastName: string; name: string; email: string; password: string | null; plan?: { id: string; items: Record<string, string> }; relative?: { id: string; name: string } | null; visits?: string[] };
export type FixtureAccount = { userId: string; membershipId: string; email: string; password: string; name: string };
export type FixtureProvider = { id: string; name: string; admin: FixtureAccount; offerId: string; offerName: string; placeName: string; placeId: string };

/** Data of the test's own, from the test server's fixture service (scripts/e2e-fixtures.ts). */
export type World = {
  resident(request?: { account?: boolean; language?: "pl" | "uk"; email?: boolean; plan?: { offers: string[]; draft?: boolean; relative?: boolean }; pastVisits?: { daysAgo: number; outcome: "delivered" | "no_show" | null }[] }): Promise<FixtureResident>;
  staff(role: "coordinator" | "community" | "organizer" | "director" | "finance"): Promise<FixtureAccount>;
  provider(): Promise<FixtureProvider>;
  hours(request: { offerId: string; providerId: string; placeId: string; weekdays: number[]; startTime: string; endTime: string; seats?: number }): Promise<{ ruleId: string; slots: number }>;
  /** A resident with an account and an issued statement for home-care visits (2 × 2 h at 15 % of 45 zł: 27,00 zł). */
  statement(request?: { language?: "pl" | "en" | "uk"; visits?: { daysAgo: number; hours: number }[] }): Promise<{ resident: FixtureResident & { password: string }; statement: { id: string; reference: string; totalGrosze: number } }>;
  /** Visits a provider delivered (days ago, hours long), confirmed; `bank` gives it a confirmed bank account. */
  deliveries(request: { providerId: string; offerId: string; visits: { daysAgo: number; hours: number }[]; bank?: boolean }): Promise<{ ok: true }>;
};

export const offers = { psychologist: "Wsparcie psychologiczne dla dorosłych", homeCare: "Usługi opiekuńcze w domu" } as const;

export const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
export { DEMO_PASSWORD };

/** Fills and sends the sign-in form; the caller checks the outcome. */
export async function attemptSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Adres e-mail").fill(email);
  await page.getByLabel("Hasło", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Zaloguj się" }).click();
}

/** Signs in and waits until the portal has left the sign-in page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await attemptSignIn(page, email, password);
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** WCAG 2.1 A and AA, as Polish public-sector sites must meet. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary).toEqual([]);
}

/** Waits for the outbox worker to deliver a message to the development mailbox, and opens it. */
export async function openLatestEmail(page: Page, to: string, subject: string) {
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(page.getByRole("row").filter({ hasText: to }).filter({ hasText: subject }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("row").filter({ hasText: to }).filter({ hasText: subject }).first().getByRole("link").click();
}

export async function linkFromEmailText(page: Page, pathPrefix: string): Promise<string> {
  const text = await page.locator("pre.email-text").innerText();
  const match = text.match(new RegExp(`https?://[^\\s\\]]*${pathPrefix}[^\\s\\]]*`));
  if (!match) throw new Error(`no ${pathPrefix} link in email:\n${text}`);
  return new URL(match[0]).pathname;
}

/**
 * The test function for every spec: fails a test when the browser reports a Content-Security-Policy
 * violation or an uncaught page error, which would otherwise go unnoticed.
 */
export const test = base.extend<{ pageGuard: void; world: World }>({
  context: async ({ context }, provide) => {
    await context.clock.setFixedTime(new Date(CLOCK_START));
    await provide(context);
  },
  // Playwright reads a fixture's needs from its first parameter: this one needs none.
  // eslint-disable-next-line no-empty-pattern
  world: async ({}, provide) => {
    const api = await httpRequest.newContext({ baseURL: fixturesURL });
    const ask = async (route: string, body: unknown) => {
      const answer = await api.post(`/${route}`, { data: body });
      if (!answer.ok()) throw new Error(`fixture ${route}: ${answer.status()} ${await answer.text()}`);
      return answer.json();
    };
    await provide({
      resident: (request = {}) => ask("resident", request),
      staff: (role) => ask("staff", { role }),
      provider: () => ask("provider", {}),
      hours: (request) => ask("hours", request),
      statement: (request = {}) => ask("statement", request),
      deliveries: (request) => ask("deliveries", request),
    });
    await api.dispose();
  },
  pageGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy|Hydration|hydrat/i.test(message.text())) problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(error.message));
      await use();
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_EMAIL_DOMAIN } from "../../db/demo-accounts";

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
export const test = base.extend<{ pageGuard: void }>({
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

import type { Page } from "@playwright/test";
import { demo, expect, test } from "./helpers";

/*
 * Dates are written for people ("2 marca 2026", "2.03.2026"), never as ISO (2026-03-02), on every role's main
 * pages — including the pages one click away (a plan, a booking page, a statement, a contract, a run).
 */

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

/** The visible text of the page, and of the pages reached by each of `follow`: a link's name, or a chain of them. */
async function isoDatesOn(page: Page, path: string, follow: (RegExp | RegExp[])[] = []): Promise<string[]> {
  const found: string[] = [];
  const check = async () => {
    const text = await page.locator("body").innerText();
    for (const line of text.split("\n")) if (ISO_DATE.test(line)) found.push(`${new URL(page.url()).pathname}: ${line.trim().slice(0, 120)}`);
  };
  await page.goto(path);
  await check();
  for (const chain of follow) {
    await page.goto(path);
    for (const link of [chain].flat()) {
      const target = page.locator("main").getByRole("link", { name: link }).first();
      if ((await target.count()) === 0) {
        found.push(`${new URL(page.url()).pathname}: no link ${link}`);
        break;
      }
      const before = page.url();
      await target.click();
      await expect(page).not.toHaveURL(before);
      await check();
    }
  }
  return found;
}

const roles: { account: string; pages: [string, (RegExp | RegExp[])[]][] }[] = [
  { account: "koordynator", pages: [["/coordinator", [[/Woźniak/, / – \d{1,2} \p{L}+ \d{4}$/u, /^Zarezerwuj/]]], ["/calendar", []]] },
  { account: "uslugodawca", pages: [["/provider", []], ["/provider/bookings", []], ["/provider/calendar", []], ["/provider/statements", [/ROZ\//]], ["/provider/payouts", []]] },
  { account: "mieszkaniec", pages: [["/me", [/^Rozliczenie za|^Zestawienie za/]]] },
  { account: "finanse", pages: [["/finance", []], ["/finance/payments", []], ["/finance/rules", []], ["/finance/settlements", [/luty|marzec|styczeń|2026/]]] },
  { account: "organizator", pages: [["/organizer", []], ["/organizer/contracts", [/\/20\d\d/]], ["/organizer/programme", []]] },
  // The audit log still shows each change's before/after as the stored JSON, dates included; its readable form
  // (names, a before/after table in words) is its own piece of work, so it is left out here until then.
  { account: "dyrektor", pages: [["/centre", []], ["/centre/staff", []]] },
  { account: "osl", pages: [["/community", []], ["/community/calendar", []], ["/community/activities", []]] },
];

test("no ISO date in the visible text of any role's main pages", async ({ browser }) => {
  test.setTimeout(240_000);
  const found: string[] = [];
  const visitor = await browser.newPage();
  found.push(...(await isoDatesOn(visitor, "/catalogue", [/./])));
  await visitor.close();
  for (const role of roles) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Adres e-mail").fill(demo(role.account));
    await page.getByLabel("Hasło", { exact: true }).fill("Demo-CUS-2026");
    await page.getByRole("button", { name: "Zaloguj się" }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
    for (const [path, follow] of role.pages) found.push(...(await isoDatesOn(page, path, follow)));
    await context.close();
  }
  expect(found).toEqual([]);
});

test("a visit has one status everywhere: the resident's record, the booking page's history and the resident's own page", async ({ page, browser, world }) => {
  const resident = await world.resident({ account: true, plan: { offers: ["Wsparcie psychologiczne dla dorosłych"] }, pastVisits: [{ daysAgo: 3, outcome: "delivered" }, { daysAgo: 2, outcome: "no_show" }, { daysAgo: 1, outcome: null }] });
  const expected = ["zrealizowana", "nieobecność", "do potwierdzenia przez usługodawcę"];
  await page.goto("/sign-in");
  await page.getByLabel("Adres e-mail").fill(demo("koordynator"));
  await page.getByLabel("Hasło", { exact: true }).fill("Demo-CUS-2026");
  await page.getByRole("button", { name: "Zaloguj się" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto(`/coordinator/residents/${resident.id}`);
  const record = page.getByRole("region", { name: "Rezerwacje" });
  for (const status of expected) await expect(record).toContainText(status);
  await expect(record).not.toContainText("aktywna");
  await page.goto(`/coordinator/plans/${resident.plan!.id}`);
  await page.getByRole("link", { name: /^Zarezerwuj/ }).first().click();
  await page.locator("summary", { hasText: "Historia" }).click();
  for (const status of expected) await expect(page.locator("details")).toContainText(status);

  const own = await browser.newPage();
  await own.goto("/sign-in");
  await own.getByLabel("Adres e-mail").fill(resident.email);
  await own.getByLabel("Hasło", { exact: true }).fill(resident.password!);
  await own.getByRole("button", { name: "Zaloguj się" }).click();
  await expect(own).toHaveURL(/\/me/);
  for (const status of expected) await expect(own.locator("main")).toContainText(status);
  await own.close();
});

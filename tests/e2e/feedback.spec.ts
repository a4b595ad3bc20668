import type { Browser, Page } from "@playwright/test";
import { CLOCK_START } from "../../playwright.config";
import { dayFromToday, demo, expect, expectNoAxeViolations, signIn, test } from "./helpers";

/*
 * After every action the result is where the person is looking: in the viewport, focused (so a screen reader
 * reads it), whether the form was at the bottom of a long page or on a phone — and without JavaScript too.
 */

const phone = { width: 390, height: 844 };

async function phoneAs(browser: Browser, email: string, password: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport: phone, javaScriptEnabled, isMobile: true, hasTouch: true });
  await context.clock.setFixedTime(new Date(CLOCK_START));
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

/** The feedback region shows `text`, inside the viewport, and (with JavaScript) has the focus. */
async function expectFeedback(page: Page, text: string | RegExp, { focused = true } = {}) {
  const feedback = page.locator(".feedback").filter({ hasText: text });
  await expect(feedback).toBeVisible();
  await expect(feedback).toBeInViewport();
  if (focused) await expect(feedback).toBeFocused();
}

test("booking at the bottom of a long page: the result and a refusal come into view, focused; the resident cancels on a phone", async ({ page, browser, world }) => {
  const provider = await world.provider();
  // Every weekday 8:00–16:00 for the weeks ahead: a long list of free slots to scroll through.
  await world.hours({ offerId: provider.offerId, providerId: provider.id, placeId: provider.placeId, weekdays: [1, 2, 3, 4, 5], startTime: "08:00", endTime: "16:00" });
  const resident = await world.resident({ account: true, plan: { offers: [provider.offerName] } });
  await signIn(page, demo("koordynator"));
  await page.goto(`/coordinator/plans/${resident.plan!.id}`);
  await page.getByRole("link", { name: new RegExp(`Zarezerwuj.*${provider.offerName}`) }).click();

  // The last free slot, at the bottom of the page.
  const book = page.getByRole("button", { name: "Zarezerwuj wybrany termin" });
  await page.getByRole("radio").last().check();
  await book.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  await book.click();
  await expectFeedback(page, "Zarezerwowano.");
  await expectNoAxeViolations(page);

  // The resident, on a phone, cancels the visit at the bottom of their page.
  const mobile = await phoneAs(browser, resident.email, resident.password!);
  const visit = mobile.locator(".visit").last();
  await visit.getByText("Odwołaj", { exact: true }).click();
  await visit.getByLabel("Powód odwołania").fill("Wizyta u lekarza");
  await visit.getByRole("button", { name: /Odwołaj/ }).click();
  await expectFeedback(mobile, "Odwołano rezerwację.");
  await expectNoAxeViolations(mobile);
  await mobile.context().close();
});

test("without JavaScript, on a phone, the resident's cancellation answers at the top of the reloaded page", async ({ page, browser, world }) => {
  const provider = await world.provider();
  await world.hours({ offerId: provider.offerId, providerId: provider.id, placeId: provider.placeId, weekdays: [2, 4], startTime: "10:00", endTime: "12:00" });
  const resident = await world.resident({ account: true, plan: { offers: [provider.offerName] } });
  await signIn(page, demo("koordynator"));
  await page.goto(`/coordinator/plans/${resident.plan!.id}`);
  await page.getByRole("link", { name: new RegExp(`Zarezerwuj.*${provider.offerName}`) }).click();
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "Zarezerwuj wybrany termin" }).click();
  await expectFeedback(page, "Zarezerwowano.");

  const mobile = await phoneAs(browser, resident.email, resident.password!, false);
  const visit = mobile.locator(".visit").first();
  await visit.getByText("Odwołaj", { exact: true }).click();
  await visit.getByLabel("Powód odwołania").fill("Wizyta u lekarza");
  await visit.getByRole("button", { name: /Odwołaj/ }).click();
  await expectFeedback(mobile, "Odwołano rezerwację.", { focused: false });
  await expect(mobile.locator(".visit")).toHaveCount(0);
  // Shown once: the next page does not repeat it.
  await mobile.reload();
  await expect(mobile.locator(".feedback")).toHaveCount(0);
  await mobile.context().close();
});

test("a provider's office manager on a phone saves the day's timesheet: a mistake, then the result, where the eye is", async ({ browser, world }) => {
  const resident = await world.resident({ plan: { offers: ["Wsparcie psychologiczne dla dorosłych"] }, pastVisits: [{ daysAgo: 1, outcome: null }] });
  const mobile = await phoneAs(browser, demo("uslugodawca"), "Demo-CUS-2026");
  await mobile.goto(`/provider/bookings?week=${dayFromToday(-1)}`);
  const row = mobile.getByRole("group", { name: new RegExp(resident.name) });
  await row.getByLabel("Zrealizowano").check();
  await row.getByLabel(/Jednostki/).fill("półtorej");
  await row.getByRole("button", { name: /Zapisz/ }).click();
  await expectFeedback(mobile, "1 wiersz wymaga poprawy.");
  await row.getByLabel(/Jednostki/).fill("1,5");
  await row.getByRole("button", { name: /Zapisz/ }).click();
  await expectFeedback(mobile, "Zapisano 1 wizytę.");
  await mobile.context().close();
});

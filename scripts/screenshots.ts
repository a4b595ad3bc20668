/**
 * Screenshots of the main screens for the README: `npm run demo` in one terminal, then
 * `npx tsx scripts/screenshots.ts` (BASE_URL defaults to http://localhost:3000).
 */
import { chromium, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_EMAIL_DOMAIN } from "../db/demo-accounts";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const out = "docs/screenshots";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function signedIn(local: string, width = 1280, height = 860): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: "pl-PL", timezoneId: "Europe/Warsaw" });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Adres e-mail").fill(`${local}@${DEMO_EMAIL_DOMAIN}`);
  await page.getByLabel("Hasło", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Zaloguj się" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  return page;
}

const anonymous = await browser.newPage({ viewport: { width: 1280, height: 860 } });
await anonymous.goto(`${base}/sign-in`);
await anonymous.screenshot({ path: `${out}/sign-in.png`, fullPage: true });
await anonymous.goto(`${base}/catalogue?q=opieka`);
await anonymous.screenshot({ path: `${out}/catalogue.png` });
await anonymous.getByRole("button", { name: /English/ }).click();
await anonymous.getByRole("heading", { level: 1, name: "Social services catalogue" }).waitFor();
await anonymous.goto(`${base}/catalogue?q=psychologist`);
await anonymous.screenshot({ path: `${out}/catalogue-english.png` });
await anonymous.getByRole("button", { name: /Polski/ }).click();
await anonymous.getByRole("heading", { level: 1, name: "Katalog usług społecznych" }).waitFor();

const director = await signedIn("dyrektor");
await director.screenshot({ path: `${out}/director-home.png`, fullPage: true });
await director.goto(`${base}/centre/staff`);
await director.screenshot({ path: `${out}/team-and-roles.png`, fullPage: true });
await director.goto(`${base}/centre/audit`);
await director.screenshot({ path: `${out}/audit-log.png` });

const organizer = await signedIn("organizator");
await organizer.screenshot({ path: `${out}/organizer-home.png`, fullPage: true });

await organizer.goto(`${base}/organizer/programme`);
await organizer.screenshot({ path: `${out}/programme.png` });
await organizer.goto(`${base}/organizer/contracts`);
await organizer.screenshot({ path: `${out}/contracts.png` });

const coordinator = await signedIn("koordynator");
await coordinator.goto(`${base}/calendar`);
await coordinator.waitForSelector(".fc-event");
await coordinator.screenshot({ path: `${out}/shared-calendar.png` });

await coordinator.goto(`${base}/coordinator`);
await coordinator.screenshot({ path: `${out}/coordinator-desk.png` });
await coordinator.goto(`${base}/coordinator?q=Wo%C5%BAniak`);
await coordinator.getByRole("link", { name: "Woźniak Marian" }).click();
await coordinator.getByRole("region", { name: "Plany (IPUS)" }).getByRole("link").first().click();
await coordinator.waitForURL(/\/coordinator\/plans\//);
await coordinator.screenshot({ path: `${out}/plan-editor.png`, fullPage: true });
await coordinator.getByRole("link", { name: /Zarezerwuj/ }).first().click();
await coordinator.waitForURL(/\/coordinator\/book\//);
await coordinator.getByText("Zmień termin lub odwołaj").first().click();
await coordinator.screenshot({ path: `${out}/booking-visits.png` });
// The last free slot, at the bottom of the page: the result comes into view where the person is.
await coordinator.getByRole("radio").last().check();
await coordinator.getByRole("button", { name: "Zarezerwuj wybrany termin" }).click();
await coordinator.locator("#feedback").waitFor();
await coordinator.waitForTimeout(300);
await coordinator.screenshot({ path: `${out}/booking-feedback.png` });
await coordinator.goto(`${base}/coordinator?q=woz`);
await coordinator.locator("#q").scrollIntoViewIfNeeded();
await coordinator.evaluate(() => window.scrollBy(0, 200));
await coordinator.screenshot({ path: `${out}/resident-search.png` });

const provider = await signedIn("uslugodawca");
await provider.goto(`${base}/provider/calendar`);
await provider.waitForSelector(".fc-event");
await provider.screenshot({ path: `${out}/provider-calendar.png` });
await provider.goto(`${base}/provider/statements`);
await provider.getByRole("link", { name: /ROZ\// }).first().click();
await provider.waitForURL(/\/provider\/statements\//);
await provider.screenshot({ path: `${out}/provider-statement.png`, fullPage: true });

const resident = await signedIn("mieszkaniec", 390, 844);
await resident.screenshot({ path: `${out}/resident-phone.png`, fullPage: true });

await resident.getByRole("link", { name: /Rozliczenie za/ }).first().click();
await resident.waitForURL(/\/me\/statements\//);
await resident.screenshot({ path: `${out}/resident-statement.png`, fullPage: true });
await resident.getByRole("button", { name: /Zapłać/ }).click();
await resident.waitForURL(/\/c\/pay\//);
await resident.screenshot({ path: `${out}/stripe-stand-in-checkout.png`, fullPage: true });

const finance = await signedIn("finanse");
await finance.screenshot({ path: `${out}/finance-desk.png`, fullPage: true });
await finance.getByRole("link", { name: /ODP\// }).first().click();
await finance.waitForURL(/\/finance\/statements\//);
await finance.screenshot({ path: `${out}/finance-statement.png`, fullPage: true });
await finance.goto(`${base}/finance/rules`);
await finance.screenshot({ path: `${out}/copay-rules.png` });
await finance.goto(`${base}/finance/settlements`);
await finance.getByRole("region", { name: "Rozliczenia miesięczne" }).getByRole("link").first().click();
await finance.waitForURL(/\/finance\/settlements\/[0-9a-f-]+$/);
await finance.screenshot({ path: `${out}/settlement-run.png`, fullPage: true });

const refugee = await signedIn("olena.kovalenko", 390, 844);
await refugee.screenshot({ path: `${out}/resident-ukrainian.png`, fullPage: true });

await browser.close();
console.log(`Screenshots written to ${out}/`);

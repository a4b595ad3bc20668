import { demo, expect, expectNoAxeViolations, linkFromEmailText, openAs, openLatestEmail, signIn, test } from "./helpers";

/*
 * Co-payments end to end, offline: the portal talks to the local Stripe stand-in, whose checkout page the
 * resident pays on, and whose signed webhooks mark the statement paid.
 */

test("a resident pays this month's statement by BLIK, sees it paid, gets a receipt, and finance sees the payment", async ({ page, browser, world }) => {
  const { resident, statement } = await world.statement();
  await signIn(page, resident.email, resident.password);
  await expect(page.getByRole("heading", { name: "Rozliczenia" })).toBeVisible();
  await page.getByRole("link", { name: /Rozliczenie za marzec 2026/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rozliczenie za marzec 2026" })).toBeVisible();
  // Its items, and how each was worked out.
  const items = page.getByRole("table", { name: /Rozliczenie za marzec 2026/ });
  await expect(items.getByRole("row").filter({ hasText: "Usługi opiekuńcze w domu" })).toHaveCount(2);
  await expect(items.getByRole("row").filter({ hasText: "15 % ceny 45,00 zł" }).first()).toContainText("13,50 zł");
  await expect(page.getByText(statement.reference).first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Zapłać 27,00 zł (BLIK, Przelewy24, karta)" }).click();
  // The stand-in's hosted checkout page.
  await expect(page.getByRole("heading", { name: "Do zapłaty: 27,00 zł" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("BLIK", { exact: true }).check();
  await page.getByLabel("Kod BLIK (6 cyfr)").fill("777123");
  await page.getByRole("button", { name: "Zapłać 27,00 zł" }).click();

  await expect(page.getByRole("heading", { name: "Dziękujemy — płatność przyjęta" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(statement.reference);
  await page.getByRole("link", { name: "Wróć do moich rozliczeń" }).click();
  await expect(page.locator(".statement-summary")).toContainText("Opłacone");
  await expect(page.getByRole("button", { name: /Zapłać/ })).toHaveCount(0);

  await openLatestEmail(page, resident.email, `Potwierdzenie wpłaty 27,00 zł — ${statement.reference}`);

  const finance = await openAs(browser, demo("finanse"));
  await finance.goto("/finance/payments");
  await expect(finance.getByRole("row").filter({ hasText: statement.reference })).toContainText("27,00 zł");
  await expect(finance.getByRole("row").filter({ hasText: statement.reference })).toContainText("Online (Stripe)");
});

test("a declined card leaves the statement unpaid and the resident is told what happened", async ({ page, world }) => {
  const { resident, statement } = await world.statement();
  await signIn(page, resident.email, resident.password);
  await page.goto(`/me/statements/${statement.id}`);
  await page.getByRole("button", { name: /Zapłać 27,00 zł/ }).click();
  await page.getByLabel("Karta", { exact: true }).check();
  await page.getByLabel("Numer karty").fill("4000 0000 0000 0002");
  await page.getByLabel("Ważna do (MM/RR)").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Zapłać 27,00 zł" }).click();
  await expect(page.getByRole("alert")).toContainText("Karta została odrzucona. Nic nie zostało pobrane.");
  await page.getByRole("button", { name: "Wróć bez płacenia" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Płatność nie została dokończona" })).toBeVisible();
  await expect(page.locator(".statement-summary")).toContainText("Do zapłaty");
  await expect(page.locator(".statement-summary")).toContainText("27,00 zł");
});

test("the statement and pay pages pass axe on a 390 px phone; the PDF is a PDF", async ({ page, world }) => {
  const { resident, statement } = await world.statement({ language: "uk" });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, resident.email, resident.password);
  await expectNoAxeViolations(page);
  await page.goto(`/me/statements/${statement.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Рахунок за");
  await expectNoAxeViolations(page);
  const pdf = await page.request.get(`/me/statements/${statement.id}/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("finance records cash, a partial payment, a refund and a waiver; bad amounts get a message and keep what was typed", async ({ page, world }) => {
  const { statement } = await world.statement();
  await signIn(page, demo("finanse"));
  await page.goto("/finance");
  await expectNoAxeViolations(page);
  await page.getByLabel("Tytuł przelewu").fill(`Odpłatność ${statement.reference} Helena`);
  await page.getByRole("button", { name: "Znajdź" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(statement.reference);

  const pay = page.locator("section", { has: page.getByRole("heading", { name: "Zapisz wpłatę w kasie lub przelew" }) });
  await pay.getByLabel("Kwota (zł)").fill("-5");
  await pay.getByLabel("Numer dokumentu (KP, wyciąg)").fill("KP 31/2026");
  await pay.getByRole("button", { name: "Zapisz wpłatę" }).click();
  await expect(pay.getByText("Podaj kwotę większą od zera, np. 24,00.")).toBeVisible();
  await expect(pay.getByLabel("Numer dokumentu (KP, wyciąg)")).toHaveValue("KP 31/2026");

  await pay.getByLabel("Kwota (zł)").fill("10,00");
  await pay.getByRole("button", { name: "Zapisz wpłatę" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Wpłata zapisana." })).toBeVisible();
  await expect(page.locator(".statement-summary")).toContainText("Częściowo opłacone");

  await page.getByText("Zwrot", { exact: true }).first().click();
  await page.getByLabel("Kwota zwrotu (zł)").fill("12,00");
  await page.getByLabel("Powód zwrotu").fill("Pomyłka w kasie");
  await page.getByRole("button", { name: "Zwróć" }).click();
  await expect(page.getByText("Zwrot nie może przekroczyć 10,00 zł")).toBeVisible();
  await expect(page.getByLabel("Powód zwrotu")).toHaveValue("Pomyłka w kasie");
  await page.getByLabel("Kwota zwrotu (zł)").fill("2,50");
  await page.getByRole("button", { name: "Zwróć" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Zwrot wypłacony w kasie i zapisany." })).toBeVisible();

  await page.getByLabel("Powód umorzenia").fill("Trudna sytuacja materialna — decyzja dyrektora");
  await page.getByRole("button", { name: "Umórz pozostałą kwotę" }).click();
  await expect(page.locator(".statement-summary")).toContainText("Umorzone — Trudna sytuacja materialna");
  await expect(page.locator(".statement-summary")).toContainText("2,50 zł");
  await expectNoAxeViolations(page);

  const csv = await page.request.get("/finance/exports/payments.csv?from=2026-03-01&to=2026-03-31");
  const text = await csv.text();
  expect(text).toContain("Data wpłaty;Numer rozliczenia;Płatnik;Sposób;Kwota (zł);Zwrócono (zł);Dokument");
  expect(text).toContain(`${statement.reference};`);
  expect(text).toContain("Gotówka w kasie;10,00;2,50;KP 31/2026");
});

test("a rule needs its resolution and cannot start in a closed month; providers and residents cannot reach finance pages or another's statement", async ({ page, browser, world }) => {
  await signIn(page, demo("finanse"));
  await page.goto("/finance/rules");
  await expectNoAxeViolations(page);
  const form = page.locator("section", { has: page.getByRole("heading", { name: "Dodaj zasadę" }) });
  await form.getByLabel("Nazwa").fill("Transport — 5 zł za przejazd");
  await form.getByLabel("Dotyczy").selectOption("offer");
  await form.getByLabel("Usługa").selectOption({ label: "Transport osób z niepełnosprawnościami" });
  await form.getByLabel("Data uchwały").fill("2026-01-20");
  await form.getByLabel("Obowiązuje od").fill("2026-02-01");
  await form.getByLabel("Sposób naliczania").selectOption("flat");
  await form.getByLabel("Kwota za jednostkę (zł)").fill("5");
  await form.getByRole("button", { name: "Dodaj zasadę" }).click();
  await expect(form.getByText("Podaj numer uchwały rady gminy, np. XII/85/2025.")).toBeVisible();
  await expect(form.getByLabel("Nazwa")).toHaveValue("Transport — 5 zł za przejazd");
  await form.getByLabel("Numer uchwały").fill("XXV/190/2026");
  await form.getByRole("button", { name: "Dodaj zasadę" }).click();
  // February's statements were issued (the demo closed it): the rule may start in March at the earliest.
  await expect(form.getByText("Ten miesiąc jest już rozliczony")).toBeVisible();
  await form.getByLabel("Obowiązuje od").fill("2026-03-01");
  await form.getByRole("button", { name: "Dodaj zasadę" }).click();
  await expect(page.getByRole("heading", { name: "Transport — 5 zł za przejazd" })).toBeVisible();

  const { statement } = await world.statement();
  const other = await world.statement();
  const provider = await openAs(browser, demo("uslugodawca"));
  for (const path of ["/finance", "/finance/rules", `/finance/statements/${statement.id}`, "/finance/exports/statements.csv"]) {
    expect((await provider.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
  }
  const resident = await openAs(browser, other.resident.email, other.resident.password);
  expect((await resident.request.get(`/me/statements/${statement.id}`, { maxRedirects: 0 })).status()).toBe(403);
  expect((await resident.request.get(`/me/statements/${statement.id}/pdf`, { maxRedirects: 0 })).status()).toBe(403);
  expect((await resident.request.get("/finance", { maxRedirects: 0 })).status()).toBe(403);
});

test("a coordinator records a relief and sends a pay link; whoever pays opens it without an account and sees only the amount", async ({ page, browser, world }) => {
  const { resident, statement } = await world.statement();
  await signIn(page, demo("koordynator"));
  await page.goto(`/residents/${resident.id}/copayments`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Saldo odpłatności");
  await expect(page.locator(".lead")).toContainText("Do zapłaty: 27,00 zł");
  await page.getByLabel("Dokument (numer, wystawca)").fill("Karta Seniora Gminy Borków nr 0212");
  await page.getByRole("button", { name: "Zapisz ulgę" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ulga zapisana." })).toBeVisible();
  await expect(page.getByText("Karta Seniora Gminy Borków nr 0212")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByText("Wyślij link do zapłaty").first().click();
  await page.getByLabel("Adres e-mail osoby, która zapłaci").fill("nie-email");
  await page.getByRole("button", { name: "Wyślij link do zapłaty" }).click();
  await expect(page.getByLabel("Adres e-mail osoby, która zapłaci")).toHaveValue("nie-email");
  await page.getByLabel("Adres e-mail osoby, która zapłaci").fill("corka.testowa@example.test");
  await page.getByRole("button", { name: "Wyślij link do zapłaty" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link do zapłaty wysłany." })).toBeVisible();

  await openLatestEmail(page, "corka.testowa@example.test", `Prośba o opłacenie rozliczenia ${statement.reference}`);
  const link = await linkFromEmailText(page, "/pay/");
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(link);
  await expect(stranger.getByRole("heading", { level: 1 })).toContainText("Rozliczenie za marzec 2026");
  await expect(stranger.locator(".statement-summary")).toContainText("27,00 zł");
  await expect(stranger.getByText(resident.lastName)).toHaveCount(0);
  await expectNoAxeViolations(stranger);
  await stranger.getByRole("button", { name: /Zapłać 27,00 zł/ }).click();
  await stranger.getByLabel("BLIK", { exact: true }).check();
  await stranger.getByLabel("Kod BLIK (6 cyfr)").fill("246810");
  await stranger.getByRole("button", { name: "Zapłać 27,00 zł" }).click();
  await expect(stranger.getByRole("heading", { name: "Dziękujemy — płatność przyjęta" })).toBeVisible();
});

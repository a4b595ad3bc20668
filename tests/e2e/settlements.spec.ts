import { demo, expect, expectNoAxeViolations, openAs, signIn, test } from "./helpers";

// The e2e clock stands at 2 March 2026: February is the month to settle; a January visit confirmed late comes with it.
test("a month settled from delivery to payment: contract, dispute and its resolution, four-eyes approval, a Stripe transfer and a bank file", async ({ page, browser, world }) => {
  test.setTimeout(120_000);
  const stripePaid = await world.provider();
  const bankPaid = await world.provider();
  await world.deliveries({ providerId: stripePaid.id, offerId: stripePaid.offerId, visits: [{ daysAgo: 40, hours: 2 }, { daysAgo: 10, hours: 2 }] });
  await world.deliveries({ providerId: bankPaid.id, offerId: bankPaid.offerId, visits: [{ daysAgo: 12, hours: 1 }], bank: true });

  // The provider onboards to Stripe Connect on the stand-in.
  await signIn(page, stripePaid.admin.email, stripePaid.admin.password);
  await page.goto("/provider/payouts");
  await page.getByRole("button", { name: "Załóż konto do wypłat w Stripe" }).click();
  await page.getByRole("button", { name: "Potwierdź dane i wróć do portalu" }).click();
  await expect(page.getByText("Aktywne — przelewy możliwe")).toBeVisible();

  // The organiser records both contracts; a tariff of zero is refused next to the field, nothing typed lost.
  const organiser = await openAs(browser, demo("organizator"));
  for (const [provider, number] of [[stripePaid, "KO/1/2026"], [bankPaid, "ZP/2/2026"]] as const) {
    await organiser.goto(`/organizer/contracts?providerId=${provider.id}`);
    await organiser.getByLabel("Numer umowy").fill(number);
    await organiser.getByLabel("Data podpisania").fill("2025-12-20");
    await organiser.getByLabel("Obowiązuje od").fill("2026-01-01");
    await organiser.getByLabel("Obowiązuje do").fill("2026-12-31");
    await organiser.getByLabel("Pula w jednostkach (opcjonalnie)").fill("2000");
    await organiser.getByLabel(`Stawka za jednostkę (zł): ${provider.offerName}`).fill("0");
    if (number === "KO/1/2026") await expectNoAxeViolations(organiser);
    await organiser.getByRole("button", { name: "Zapisz umowę" }).click();
    await expect(organiser.getByText("Stawka za jednostkę musi być większa od zera")).toBeVisible();
    await expect(organiser.getByLabel("Numer umowy")).toHaveValue(number);
    await organiser.getByLabel(`Stawka za jednostkę (zł): ${provider.offerName}`).fill("60,00");
    await organiser.getByRole("button", { name: "Zapisz umowę" }).click();
    await expect(organiser.getByRole("heading", { level: 1, name: `${number} — ${provider.name}` })).toBeVisible();
  }

  // Finance opens February: the late January visit is an adjustment line beside February's.
  const preparer = await world.staff("finance");
  const finance = await openAs(browser, preparer.email, preparer.password);
  await finance.goto("/finance/settlements");
  await finance.getByLabel("Miesiąc", { exact: true }).fill("2026-02");
  await finance.getByRole("button", { name: "Otwórz rozliczenie miesiąca" }).click();
  await expect(finance.getByRole("status").filter({ hasText: "Rozliczenie przygotowane" })).toBeVisible();
  const runUrl = finance.url();
  await expect(finance.getByRole("row").filter({ hasText: stripePaid.name })).toContainText("240,00");
  await finance.getByRole("button", { name: "Wyślij projekty usługodawcom" }).click();
  await expect(finance.getByRole("status").filter({ hasText: "Zestawienia wysłane" })).toBeVisible();
  await expectNoAxeViolations(finance);

  // The provider disputes the adjustment and accepts February's line, with its invoice (a date before February refused).
  await page.goto("/provider/statements");
  await page.getByRole("row").filter({ hasText: "Wysłane do usługodawcy" }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ROZ/2026/02/");
  const statementUrl = page.url();
  const late = page.getByRole("row").filter({ hasText: "Korekta: potwierdzone po terminie" });
  await late.getByLabel("Odpowiedź").selectOption("disputed");
  await late.getByLabel("Powód reklamacji").fill("W styczniu były 3 godziny, nie 2");
  await page.getByLabel("Numer faktury lub rachunku").fill("FV/2/2026");
  await page.getByLabel("Data wystawienia").fill("2026-01-31");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Wyślij odpowiedź" }).click();
  await expect(page.getByText("Data faktury nie może być wcześniejsza niż początek rozliczanego miesiąca.")).toBeVisible();
  await expect(page.getByLabel("Numer faktury lub rachunku")).toHaveValue("FV/2/2026");
  await page.getByLabel("Data wystawienia").fill("2026-02-28");
  await page.getByRole("button", { name: "Wyślij odpowiedź" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Odpowiedź wysłana do centrum." })).toBeVisible();
  await expect(page.getByText("Reklamowane")).toBeVisible();

  // The bank-paid provider accepts all.
  const other = await openAs(browser, bankPaid.admin.email, bankPaid.admin.password);
  await other.goto("/provider/statements");
  await other.getByRole("row").filter({ hasText: "Wysłane do usługodawcy" }).getByRole("link").click();
  await other.getByLabel("Numer faktury lub rachunku").fill("R/14/2026");
  await other.getByLabel("Data wystawienia").fill("2026-03-01");
  await other.getByRole("button", { name: "Wyślij odpowiedź" }).click();
  await expect(other.getByText("Zaakceptowane")).toBeVisible();

  // Finance resolves the dispute: 3 hours after all.
  await finance.goto(runUrl);
  await finance.getByRole("row").filter({ hasText: stripePaid.name }).getByRole("link").click();
  const disputed = finance.getByRole("form", { name: "Rozstrzygnij reklamację" });
  await disputed.getByLabel("Rozstrzygnięcie").selectOption("corrected");
  await disputed.getByLabel("Właściwa liczba jednostek").fill("3");
  await disputed.getByLabel("Uzasadnienie").fill("Karta czasu pracy potwierdza 3 godziny");
  await disputed.getByRole("button", { name: "Rozstrzygnij reklamację" }).click();
  await expect(finance.getByRole("status").filter({ hasText: "Reklamacja rozstrzygnięta." })).toBeVisible();
  await expect(finance.getByText("300,00 zł")).toBeVisible();

  // The one who prepared the run cannot approve it; a second finance officer does.
  await finance.goto(runUrl);
  await finance.getByRole("button", { name: "Zatwierdź zaakceptowane zestawienia" }).click();
  await expect(finance.getByText("Rozliczenie zatwierdza inna osoba niż ta, która je przygotowała.").first()).toBeVisible();
  const second = await world.staff("finance");
  const approver = await openAs(browser, second.email, second.password);
  await approver.goto(runUrl);
  await approver.getByRole("button", { name: "Zatwierdź zaakceptowane zestawienia" }).click();
  await expect(approver.getByRole("status").filter({ hasText: "Zatwierdzono." })).toBeVisible();

  // The transfer is made by the outbox worker; the provider sees its statement paid.
  await expect(async () => {
    await page.goto("/provider/statements");
    await expect(page.getByRole("row").filter({ hasText: "300,00" })).toContainText("Zapłacone");
  }).toPass({ timeout: 30_000 });

  // The bank file for the provider paid by transfer, then marked paid.
  await approver.goto(runUrl);
  const download = approver.waitForEvent("download");
  await approver.getByRole("link", { name: "Pobierz plik Elixir-O" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const elixir = readFileSync(file!, "latin1");
  expect(elixir).toMatch(/^110,\d{8},6000,/);
  expect(elixir).toContain("ROZ/2026/02/");
  await approver.getByRole("button", { name: "Oznacz przelewy jako wykonane" }).click();
  await expect(approver.getByRole("status").filter({ hasText: "Zestawienia oznaczone jako zapłacone." })).toBeVisible();
  await other.goto("/provider/statements");
  await expect(other.getByRole("row").filter({ hasText: "60,00" })).toContainText("Zapłacone");
  // Another provider cannot open this one's statement by its address.
  const foreign = await other.request.get(statementUrl);
  expect(foreign.status()).toBe(403);
});

import { demo, expect, expectNoAxeViolations, newContext, signIn, test } from "./helpers";

test("the organiser records the programme's packages, and the catalogue filters by them", async ({ page, browser }) => {
  await signIn(page, demo("organizator"));
  await page.getByRole("link", { name: "Program usług" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Program usług społecznych (PUS)" })).toBeVisible();
  await expect(page.getByLabel("Numer uchwały")).toHaveValue("XXIV/187/2025");
  await expect(page.getByRole("heading", { level: 3, name: /Pakiet Senior/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // A period that ends before it starts gets a message next to the field; nothing typed is lost.
  await page.getByLabel("Obowiązuje do").fill("2025-06-30");
  await page.getByLabel("Numer uchwały").fill("XXIV/188/2025");
  await page.getByRole("button", { name: "Zapisz program" }).click();
  await expect(page.getByText("Data końca musi być późniejsza niż data początku.")).toBeVisible();
  await expect(page.getByLabel("Numer uchwały")).toHaveValue("XXIV/188/2025");
  await expect(page.getByLabel("Obowiązuje do")).toHaveAttribute("aria-invalid", "true");

  // A new package with two offers.
  await page.locator("summary", { hasText: "Dodaj pakiet" }).click();
  const form = page.locator("details").filter({ has: page.locator("summary", { hasText: "Dodaj pakiet" }) });
  await form.getByLabel("Nazwa pakietu").fill("Pakiet Bezpieczny Dom");
  await form.getByLabel(/Usługi „złotej rączki”/).check();
  await form.getByLabel(/Transport osób z niepełnosprawnościami/).check();
  await form.getByRole("button", { name: "Dodaj pakiet" }).click();
  await expect(page.getByRole("status")).toHaveText("Zapisano pakiet.");
  await expect(page.getByRole("heading", { level: 3, name: "Pakiet Bezpieczny Dom (2 usługi)" })).toBeVisible();

  const visitor = await (await newContext(browser)).newPage();
  await visitor.goto("/catalogue");
  await visitor.getByText("Zawęź wyniki").click();
  await visitor.getByLabel("Pakiet").selectOption({ label: "Pakiet Bezpieczny Dom" });
  await visitor.getByRole("button", { name: "Szukaj" }).last().click();
  await expect(visitor.getByRole("status")).toHaveText("Znaleziono 2 usługi");
  await expect(visitor.getByRole("link", { name: "Usługi „złotej rączki”" })).toBeVisible();
  await visitor.close();
});

test("the community organiser publishes a supporting activity that the public finds at once", async ({ page, browser }) => {
  await signIn(page, demo("osl"));
  await page.getByRole("link", { name: "Działania wspierające" }).click();
  await expect(page.getByRole("link", { name: "Sąsiedzkie spacery" })).toBeVisible();
  await page.getByRole("link", { name: "Dodaj działanie" }).click();
  await page.getByLabel("Nazwa usługi").fill("Kawiarenka sąsiedzka");
  await page.getByLabel("Obszar ustawowy").selectOption("11");
  await page.getByLabel(/MCUS Borków – sala spotkań/).check();
  // Too short a description: a clear message, and the name stays.
  await page.getByLabel("Opis").fill("Kawa");
  await page.getByRole("button", { name: "Zapisz i opublikuj" }).click();
  await expect(page.getByLabel("Opis")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Nazwa usługi")).toHaveValue("Kawiarenka sąsiedzka");
  await expectNoAxeViolations(page);
  await page.getByLabel("Opis").fill("Spotkania przy kawie dla mieszkańców osiedla, co czwartek po południu. Bez zapisów.");
  await page.getByRole("button", { name: "Zapisz i opublikuj" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Zapisano i opublikowano w katalogu." })).toBeVisible();

  const visitor = await (await newContext(browser)).newPage();
  await visitor.goto("/catalogue?q=kawiarenka+sasiedzka");
  await visitor.getByRole("link", { name: "Kawiarenka sąsiedzka" }).click();
  await expect(visitor.getByText("MCUS Borków – sala spotkań").first()).toBeVisible();
  await visitor.close();
});

test("a provider admin corrects the organisation's details; a wrong NIP keeps what was typed", async ({ page, world }) => {
  const provider = await world.provider();
  await signIn(page, provider.admin.email, provider.admin.password);
  await page.getByRole("link", { name: "Zmień dane organizacji" }).click();
  await page.getByLabel("Telefon").fill("+48 81 555 77 88");
  await page.getByLabel("NIP", { exact: true }).fill("1234567890");
  await page.getByRole("button", { name: "Zapisz dane organizacji" }).click();
  await expect(page.getByText("NIP jest nieprawidłowy")).toBeVisible();
  await expect(page.getByLabel("Telefon")).toHaveValue("+48 81 555 77 88");
  await expectNoAxeViolations(page);
  await page.goto("/provider/profile");
  await page.getByLabel("Telefon").fill("+48 81 555 77 88");
  await page.getByRole("button", { name: "Zapisz dane organizacji" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Zapisano dane organizacji" })).toBeVisible();
  await expect(page.getByLabel("Telefon")).toHaveValue("+48 81 555 77 88");
});

test("centre staff see internal fields in the catalogue; the public does not", async ({ page, browser }) => {
  await signIn(page, demo("koordynator"));
  await page.goto("/catalogue?q=zlota+raczka");
  await expect(page.getByText("Cena jednostkowa (dla centrum): 80,00 zł / wizyta")).toBeVisible();
  await page.getByRole("link", { name: "Usługi „złotej rączki”" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Informacje dla pracowników" })).toBeVisible();
  await expect(page.getByText("Status usługodawcy w centrum")).toBeVisible();

  const visitor = await (await newContext(browser)).newPage();
  await visitor.goto("/catalogue?q=zlota+raczka");
  await expect(visitor.getByRole("link", { name: "Usługi „złotej rączki”" })).toBeVisible();
  await expect(visitor.getByText("Cena jednostkowa")).toHaveCount(0);
  await visitor.getByRole("link", { name: "Usługi „złotej rączki”" }).click();
  await expect(visitor.getByText("Informacje dla pracowników")).toHaveCount(0);
  await visitor.close();
});

test("the community organiser plans the times of the centre's own activities", async ({ page }) => {
  await signIn(page, demo("osl"));
  await page.goto("/community/activities");
  await page.getByRole("link", { name: "Terminy działań" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kalendarz i dostępność" })).toBeVisible();
  const rules = page.getByRole("table", { name: "Stałe godziny" });
  await expect(rules.getByRole("row").filter({ hasText: "Sąsiedzkie spacery" })).toBeVisible();
  // Only the centre's own activities can be planned here.
  await expect(page.locator("#rule-form").getByLabel("Usługa").locator("option", { hasText: "Usługi opiekuńcze w domu" })).toHaveCount(0);
  await expect(page.locator(".fc")).toBeVisible();
  await expectNoAxeViolations(page);
});

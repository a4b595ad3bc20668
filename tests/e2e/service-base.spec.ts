import type { Page } from "@playwright/test";
import { demo, expect, expectNoAxeViolations, newContext, signIn, test } from "./helpers";

async function fillProviderForm(page: Page, overrides: Record<string, string> = {}) {
  const values: Record<string, string> = {
    "Nazwa organizacji": "Fundacja Zdrowy Ogród",
    NIP: "5260250274",
    REGON: "000331501",
    "Numer KRS": "0000998877",
    "Ulica i numer": "ul. Różana 3",
    "Kod pocztowy": "21-040",
    Miejscowość: "Borków",
    Gmina: "Gmina Borków",
    "Osoba kontaktowa": "Helena Kwiatkowska",
    Telefon: "+48 600 100 200",
    "E-mail organizacji": "biuro@zdrowy-ogrod.example",
    ...overrides,
  };
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel("Forma prawna").selectOption("foundation");
}

test("a wrong NIP, REGON and KRS get clear messages next to the fields, and nothing typed is lost", async ({ page }) => {
  await page.goto("/register-provider");
  await expect(page.getByRole("heading", { level: 1, name: "Rejestracja usługodawcy" })).toBeVisible();
  await fillProviderForm(page, { NIP: "5260250275", REGON: "000331502", "Numer KRS": "12345" });
  await page.getByLabel("Imię i nazwisko").fill("Helena Kwiatkowska");
  await page.getByLabel("Adres e-mail do logowania").fill("helena@zdrowy-ogrod.example");
  await page.getByLabel("Hasło", { exact: true }).fill("Haslo-Heleny-2026");
  await page.getByRole("button", { name: "Zarejestruj" }).click();
  await expect(page.getByText("NIP jest nieprawidłowy")).toBeVisible();
  await expect(page.getByText("REGON jest nieprawidłowy")).toBeVisible();
  await expect(page.getByText("Numer KRS to 10 cyfr")).toBeVisible();
  await expect(page.getByLabel("NIP", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Nazwa organizacji")).toHaveValue("Fundacja Zdrowy Ogród");
  await expect(page.getByLabel("Osoba kontaktowa")).toHaveValue("Helena Kwiatkowska");
  await expect(page.getByLabel("Adres e-mail do logowania")).toHaveValue("helena@zdrowy-ogrod.example");
  await expectNoAxeViolations(page);
});

test("register → verify → submit → return → fix → publish → found by anyone without diacritics and by filters", async ({ page, browser }) => {
  // 1. A new provider registers itself.
  await page.goto("/register-provider");
  await fillProviderForm(page);
  await page.getByLabel("Imię i nazwisko").fill("Helena Kwiatkowska");
  await page.getByLabel("Adres e-mail do logowania").fill("helena@zdrowy-ogrod.example");
  await page.getByLabel("Hasło", { exact: true }).fill("Haslo-Heleny-2026");
  await page.getByRole("button", { name: "Zarejestruj" }).click();
  await expect(page).toHaveURL("/provider");
  await expect(page.getByText("Oczekuje na weryfikację").first()).toBeVisible();

  // 2. The organiser verifies it.
  const organiserContext = await newContext(browser);
  const organiser = await organiserContext.newPage();
  await signIn(organiser, demo("organizator"));
  await organiser.getByRole("link", { name: "Fundacja Zdrowy Ogród" }).click();
  await organiser.getByRole("button", { name: "Zweryfikuj" }).click();
  await expect(organiser).toHaveURL("/organizer");

  // 3. The provider adds a place and submits an offer.
  await page.goto("/provider/places");
  await page.getByLabel("Nazwa miejsca").fill("Ogród terapeutyczny");
  await page.getByLabel("Ulica i numer").fill("ul. Różana 3");
  await page.getByLabel("Kod pocztowy").fill("21-040");
  await page.getByLabel("Miejscowość").fill("Borków");
  await page.getByLabel("Gmina").fill("Gmina Borków");
  await page.getByLabel("Wejście bez schodów").check();
  await page.getByRole("button", { name: "Dodaj miejsce" }).click();
  await expect(page.getByRole("status")).toHaveText("Dodano miejsce.");

  await page.goto("/provider/offers/new");
  await expect(page.getByRole("heading", { level: 1, name: "Nowa usługa" })).toBeVisible();
  await page.getByLabel("Nazwa usługi").fill("Hortiterapia – ogród dla seniorów");
  await page.getByLabel("Opis").fill("Zajęcia w ogrodzie terapeutycznym: sadzenie, pielęgnacja roślin, relaks na świeżym powietrzu.");
  await page.getByLabel("Obszar ustawowy").selectOption("5");
  await page.getByLabel("Seniorzy").check();
  await page.getByLabel("W placówce").check();
  await page.getByLabel("Ogród terapeutyczny (Borków)").check();
  await page.getByLabel("Jednostka", { exact: true }).selectOption("session");
  await page.getByLabel("Cena za jednostkę (zł)").fill("60,00");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Zapisz szkic" }).click();
  await expect(page.getByRole("status")).toHaveText("Zapisano szkic.");
  const offerUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Wyślij do weryfikacji" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Wysłano do weryfikacji" })).toBeVisible();

  // 4. The organiser returns it with a comment.
  await organiser.goto("/organizer");
  await organiser.getByRole("link", { name: "Hortiterapia – ogród dla seniorów" }).click();
  await organiser.getByLabel("Uwagi dla usługodawcy").fill("Podaj limit zajęć na osobę.");
  await organiser.getByRole("button", { name: "Zwróć z uwagami" }).click();
  await expect(organiser).toHaveURL("/organizer");

  // 5. The provider sees the comment, fixes and resubmits.
  await page.goto(offerUrl);
  await expect(page.getByText("Uwagi organizatora: Podaj limit zajęć na osobę.").first()).toBeVisible();
  await page.getByLabel("Limit na mieszkańca: liczba jednostek").fill("12");
  await page.getByLabel("…w okresie (miesiące)").fill("6");
  await page.getByRole("button", { name: "Zapisz szkic" }).click();
  await expect(page.getByRole("status")).toHaveText("Zapisano szkic.");
  await page.getByRole("button", { name: "Wyślij do weryfikacji" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Wysłano do weryfikacji" })).toBeVisible();

  // 6. The organiser publishes it.
  await organiser.goto("/organizer");
  await organiser.getByRole("link", { name: "Hortiterapia – ogród dla seniorów" }).click();
  await organiser.getByRole("button", { name: "Opublikuj" }).click();
  await expect(organiser).toHaveURL("/organizer");
  await organiserContext.close();

  // 7. An anonymous visitor finds it without diacritics, and by filters.
  const visitorContext = await newContext(browser);
  const visitor = await visitorContext.newPage();
  await visitor.goto("/catalogue?q=ogrod+dla+seniorow");
  await expect(visitor.getByRole("link", { name: "Hortiterapia – ogród dla seniorów" })).toBeVisible();
  await visitor.goto("/catalogue");
  await visitor.getByText("Zawęź wyniki").click();
  await visitor.getByLabel("Obszar").selectOption("5");
  await visitor.getByLabel("Gmina").selectOption("Gmina Borków");
  await visitor.getByLabel("Dostępność").selectOption("step_free");
  await visitor.getByRole("button", { name: "Szukaj" }).last().click();
  await expect(visitor.getByRole("link", { name: "Hortiterapia – ogród dla seniorów" })).toBeVisible();
  await visitor.getByRole("link", { name: "Hortiterapia – ogród dla seniorów" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "Hortiterapia – ogród dla seniorów" })).toBeVisible();
  await expect(visitor.getByText("do 12 × sesja w ciągu 6 mies.")).toBeVisible();
  await visitorContext.close();
});

test("provider A cannot open provider B's offer (403), and unverified offers stay out of the catalogue", async ({ page }) => {
  // TeleOpieka's draft belongs to another provider.
  await signIn(page, demo("uslugodawca"));
  await page.goto("/catalogue?q=teleopieka");
  await expect(page.getByRole("status")).toHaveText("Znaleziono 0 usług");
  const ids = await page.request.get("/api/hsds/services?per_page=100").then((r) => r.json());
  expect(JSON.stringify(ids)).not.toContain("Teleopieka");
  await page.goto("/provider");
  const ownOffer = page.getByRole("link", { name: "Usługi opiekuńcze w domu" });
  await expect(ownOffer).toBeVisible();
  const ownHref = await ownOffer.getAttribute("href");
  expect((await page.goto(ownHref!))?.status()).toBe(200);

  // The same page for an offer of Spółdzielnia Socjalna Razem.
  await page.goto("/catalogue?q=zlota+raczka");
  const foreignId = (await page.getByRole("link", { name: "Usługi „złotej rączki”" }).getAttribute("href"))!.split("/").pop();
  const response = await page.goto(`/provider/offers/${foreignId}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Brak dostępu" })).toBeVisible();
});

test("the catalogue and an offer page work for screen readers (axe) and show Polish text intact in the CSV", async ({ page, request }) => {
  await page.goto("/catalogue?q=opieka");
  await expect(page.getByRole("status")).toContainText("Znaleziono");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Usługi opiekuńcze w domu" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Usługi opiekuńcze w domu" })).toBeVisible();
  await expectNoAxeViolations(page);
  const csv = await request.get("/catalogue.csv");
  expect(csv.headers()["content-type"]).toContain("charset=utf-8");
  const text = await csv.text();
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain("Usługi „złotej rączki”");
});

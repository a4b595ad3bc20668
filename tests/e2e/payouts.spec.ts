import { demo, expect, expectNoAxeViolations, openAs, signIn, test } from "./helpers";

test("a provider's admin onboards to Stripe Connect on the stand-in and asks to be paid to a bank account, which the organiser confirms", async ({ page, browser, world }) => {
  const provider = await world.provider();
  await signIn(page, provider.admin.email, provider.admin.password);
  await page.getByRole("navigation", { name: "Nawigacja główna" }).getByRole("link", { name: "Wypłaty" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wypłaty dla organizacji" })).toBeVisible();
  await expect(page.getByText("Nie założono")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Załóż konto do wypłat w Stripe" }).click();
  // The stand-in's onboarding page, then back.
  await page.getByRole("button", { name: "Potwierdź dane i wróć do portalu" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Wróciliśmy ze Stripe" })).toBeVisible();
  await expect(page.getByText("Aktywne — przelewy możliwe")).toBeVisible();

  await page.getByLabel("Numer rachunku (NRB)").fill("61 1090 1014 0000 0712 1981 2875");
  await page.getByLabel("Posiadacz rachunku").fill(provider.name);
  await page.getByRole("button", { name: "Zgłoś rachunek do potwierdzenia" }).click();
  await expect(page.getByText("Numer rachunku jest nieprawidłowy: NRB ma 26 cyfr")).toBeVisible();
  await expect(page.getByLabel("Posiadacz rachunku")).toHaveValue(provider.name);
  await page.getByLabel("Numer rachunku (NRB)").fill("61 1090 1014 0000 0712 1981 2874");
  await page.getByRole("button", { name: "Zgłoś rachunek do potwierdzenia" }).click();
  await expect(page.getByText("Czeka na potwierdzenie: 61 1090 1014 0000 0712 1981 2874")).toBeVisible();

  const organiser = await openAs(browser, demo("organizator"));
  await organiser.goto(`/organizer/providers/${provider.id}`);
  await organiser.getByRole("button", { name: "Potwierdź rachunek" }).click();
  await expect(organiser.getByRole("status").filter({ hasText: "Rachunek potwierdzony." })).toBeVisible();
  await page.reload();
  await expect(page.getByText("Rachunek potwierdzony: 61 1090 1014 0000 0712 1981 2874")).toBeVisible();
});

import { expect, expectNoAxeViolations, test } from "./helpers";

/* Offers are written in Polish; a resident searching in English or Ukrainian still finds them, or is told why not. */

test("the catalogue in English and Ukrainian: its examples find offers, foreign words find the Polish offer, an unknown word is named", async ({ page }) => {
  const search = async (label: string, typed: string) => {
    await page.getByLabel(label).fill(typed);
    await page.locator("form[role=search] button[type=submit]").first().click();
  };
  await page.goto("/catalogue");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Social services catalogue");
  const hint = await page.locator("#f-q-hint").innerText();
  for (const example of ["care", "psychologist", "handyman"]) {
    expect(hint).toContain(example);
    await search("What are you looking for?", example);
    await expect(page.locator(".offer-list > li").first()).toBeVisible();
  }
  await search("What are you looking for?", "psychologist");
  await expect(page.getByRole("link", { name: "Wsparcie psychologiczne dla dorosłych" })).toBeVisible();
  await expect(page.getByText("Also searching for the Polish words: psycholog.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: /Українська/ }).click();
  await search("Що ви шукаєте?", "психолог");
  await expect(page.getByRole("link", { name: "Wsparcie psychologiczne dla dorosłych" })).toBeVisible();
  for (const example of ["догляд", "дрібний ремонт"]) {
    await search("Що ви шукаєте?", example);
    await expect(page.locator(".offer-list > li").first()).toBeVisible();
  }
  await search("Що ви шукаєте?", "бджола");
  await expect(page.getByText("Ми не знаємо слова: бджола.")).toBeVisible();
  await expect(page.getByText("Послуги описані польською мовою")).toBeVisible();
  await expect(page.locator(".offer-list")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "psycholog", exact: true }).click();
  await expect(page.getByRole("link", { name: "Wsparcie psychologiczne dla dorosłych" })).toBeVisible();
  await page.getByRole("button", { name: /Polski/ }).click();
});

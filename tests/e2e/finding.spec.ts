import { demo, expect, expectNoAxeViolations, signIn, test } from "./helpers";

test("a coordinator finds the demo resident by part of the surname, the name without diacritics, the PESEL and the phone", async ({ page }) => {
  await signIn(page, demo("koordynator"));
  const search = async (typed: string) => {
    await page.goto("/coordinator");
    await page.getByLabel("Szukaj mieszkańca").fill(typed);
    await page.getByRole("button", { name: "Szukaj", exact: true }).click();
    return page.getByRole("table").getByRole("link", { name: /Woźniak/ });
  };
  await expect(await search("woz")).toBeVisible();
  await expect(await search("marian wozniak")).toBeVisible();
  await expectNoAxeViolations(page);
  await (await search("Woźniak Marian")).click();
  const pesel = (await page.locator("dt", { hasText: "PESEL" }).locator("+ dd").innerText()).trim();
  expect(pesel).toMatch(/^\d{11}$/);
  await expect(await search(pesel)).toBeVisible();
  await expect(await search("501 200 304")).toBeVisible();
  // Something no resident is called: said plainly, never the whole register.
  await search("qqq");
  await expect(page.getByRole("table")).toHaveCount(0);
});

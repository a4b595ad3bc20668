import { demo, expect, linkFromEmailText, newContext, openLatestEmail, signIn, test } from "./helpers";

test("a password reset email arrives in the dev mailbox and its link works once", async ({ page, world }) => {
  const { email } = await world.resident({ account: true });
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Nie pamiętasz hasła?" }).click();
  // The sign-in form has a field with the same label: wait until the new page is shown.
  await expect(page.getByRole("heading", { level: 1, name: "Nie pamiętasz hasła?" })).toBeVisible();
  await page.getByLabel("Adres e-mail").fill(email);
  await page.getByRole("button", { name: "Wyślij link" }).click();
  await expect(page.getByRole("status")).toContainText("Jeśli konto o tym adresie istnieje");

  await openLatestEmail(page, email, "Ustaw nowe hasło do portalu CUS");
  const link = await linkFromEmailText(page, "/reset-password/");

  await page.goto(link);
  await page.getByLabel("Nowe hasło", { exact: true }).fill("Nowe-Haslo-Heleny-1");
  await page.getByLabel("Powtórz nowe hasło").fill("Nowe-Haslo-Heleny-1");
  await page.getByRole("button", { name: "Zapisz nowe hasło" }).click();
  await expect(page.getByRole("status")).toContainText("Hasło zostało zmienione");

  await signIn(page, email, "Nowe-Haslo-Heleny-1");
  await expect(page).toHaveURL("/me");

  // The same link a second time is refused.
  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("Ten link jest nieważny");
});

test("language switches to English, is remembered, and switches back", async ({ page, world }) => {
  // The language is remembered on the account too: a coordinator of the test's own, so nobody else's pages change.
  const coordinator = await world.staff("coordinator");
  await page.goto("/sign-in");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

  await page.getByLabel("Email address").fill(coordinator.email);
  await page.getByLabel("Password", { exact: true }).fill(coordinator.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Hello, ${coordinator.name}` })).toBeVisible();

  await page.getByRole("button", { name: /Polski/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Dzień dobry, ${coordinator.name}` })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
});

test("a person with two roles switches between them", async ({ page }) => {
  await signIn(page, demo("dwie.role"));
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 2, name: "Moje role" })).toBeVisible();
  await page.getByRole("button", { name: /Przełącz na: Usługodawca – pracownik/ }).click();
  await expect(page).toHaveURL("/provider");
  await expect(page.getByText("Spółdzielnia Socjalna Razem").first()).toBeVisible();
  await page.goto("/account");
  await page.getByRole("button", { name: /Przełącz na: Koordynator IPUS/ }).click();
  await expect(page).toHaveURL("/coordinator");
});

test("a director invites a coordinator, who joins from the emailed link; the audit log shows it", async ({ page, browser }) => {
  await signIn(page, demo("dyrektor"));
  await page.goto("/centre/staff");
  await expect(page.getByRole("heading", { level: 1, name: "Zespół i role" })).toBeVisible();
  await page.getByLabel("Imię i nazwisko").fill("Jan Testowy");
  await page.getByLabel("Adres e-mail").fill("jan.testowy@example.test");
  await page.getByLabel("Rola", { exact: true }).selectOption("coordinator");
  await page.getByRole("button", { name: "Wyślij zaproszenie" }).click();
  await expect(page.getByRole("status")).toHaveText("Wysłano zaproszenie na adres jan.testowy@example.test.");

  await openLatestEmail(page, "jan.testowy@example.test", "Zaproszenie do portalu");
  const link = await linkFromEmailText(page, "/invitations/");

  const invitee = await newContext(browser);
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(link);
  await inviteePage.getByLabel("Imię i nazwisko").fill("Jan Testowy");
  await inviteePage.getByLabel("Hasło", { exact: true }).fill("Haslo-Jana-Testowego");
  await inviteePage.getByRole("button", { name: "Utwórz konto i dołącz" }).click();
  await expect(inviteePage).toHaveURL("/coordinator");
  await invitee.close();

  await page.goto("/centre/audit?action=membership.created");
  await expect(page.getByRole("cell", { name: "jan.testowy@example.test" }).first()).toBeVisible();
});

test("the director changes a role and the change is in the audit log with before and after", async ({ page, world }) => {
  const member = await world.staff("community");
  await signIn(page, demo("dyrektor"));
  await page.goto("/centre/staff");
  const row = page.getByRole("row").filter({ hasText: member.name });
  await row.getByLabel(`Nowa rola dla: ${member.name}`).selectOption("organizer");
  await row.getByRole("button", { name: "Zmień rolę" }).click();
  await expect(page.getByRole("status")).toHaveText("Zmieniono rolę.");
  await page.goto(`/centre/audit?action=membership.role_changed&actor=${encodeURIComponent(demo("dyrektor"))}`);
  const entry = page.getByRole("row").filter({ hasText: "Zmiana roli" }).filter({ hasText: member.membershipId.slice(0, 8) }).first();
  await expect(entry).toContainText('"role":"community"');
  await expect(entry).toContainText('"role":"organizer"');
});

test("staff, audit log and mailbox pages pass axe", async ({ page }) => {
  const { expectNoAxeViolations } = await import("./helpers");
  await signIn(page, demo("dyrektor"));
  for (const path of ["/centre/staff", "/centre/audit", "/account", "/dev/mailbox"]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
});

import { dayFromToday, demo, expect, expectNoAxeViolations, offers, openAs, openLatestEmail, signIn, test, weekdayAhead } from "./helpers";

/**
 * Weeks of the psychologist's weekly series the demo can book from the test clock's Monday: Tuesdays from
 * 3 March while the five-week horizon (from 1 March) lasts — 3, 10, 17, 24 and 31 March.
 */
const SERIES_BOOKED = 5;

test("a bad PESEL gets a clear message and nothing typed is lost; a new resident is saved", async ({ page }) => {
  await signIn(page, demo("koordynator"));
  await page.getByRole("link", { name: "Dodaj mieszkańca" }).click();
  await page.getByLabel("Imię", { exact: true }).fill("Irena");
  await page.getByLabel("Nazwisko").fill("Lewicka");
  await page.getByLabel("PESEL").fill("44051401459");
  await page.getByLabel("Telefon").fill("+48 600 700 800");
  await page.getByRole("button", { name: "Zapisz mieszkańca" }).click();
  await expect(page.getByText("PESEL jest nieprawidłowy: cyfra kontrolna się nie zgadza.")).toBeVisible();
  await expect(page.getByLabel("Imię", { exact: true })).toHaveValue("Irena");
  await expect(page.getByLabel("Telefon")).toHaveValue("+48 600 700 800");
  await expectNoAxeViolations(page);
  await page.getByLabel("PESEL").fill("44051401458");
  await page.getByRole("button", { name: "Zapisz mieszkańca" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Irena Lewicka" })).toBeVisible();
  await expect(page.getByText("14 maja 1944")).toBeVisible();
});

test("application → two-item plan → director approves → series and single visit booked → resident sees and cancels", async ({ page, browser, world }) => {
  // The whole IPUS day through three accounts: give it room on a busy two-core machine.
  test.setTimeout(180_000);
  const helena = await world.resident({ account: true });
  await signIn(page, demo("koordynator"));
  await page.getByLabel("Szukaj").fill(helena.lastName);
  await page.getByRole("button", { name: "Szukaj" }).click();
  await page.getByRole("link", { name: `${helena.lastName} ${helena.firstName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: helena.name })).toBeVisible();

  // Consent to share data with the provider who will deliver, given on paper.
  await page.getByText("Zapisz zgodę", { exact: true }).first().click();
  await page.getByLabel("Cel", { exact: true }).selectOption("share_with_provider");
  await page.getByLabel("Usługodawca (przy udostępnieniu danych)").selectOption({ label: "Fundacja Pomocna Dłoń" });
  await page.getByRole("button", { name: "Zapisz zgodę" }).click();
  await expect(page.getByRole("status")).toHaveText("Zapisano zmianę zgód.");
  await expect(page.getByRole("region", { name: "Zgody" }).getByRole("listitem").filter({ hasText: "Udostępnienie danych usługodawcy" }).first()).toBeVisible();

  // Application with the 30-day deadline.
  await page.getByText("Zapisz wniosek", { exact: true }).first().click();
  await page.getByLabel("Opis potrzeb").fill("Samotna, po udarze; potrzebuje wsparcia psychologa i pomocy w domu.");
  await page.getByRole("button", { name: "Zapisz wniosek" }).click();
  await expect(page.getByRole("status")).toHaveText("Zapisano wniosek.");
  await expect(page.getByText(/plan do/)).toBeVisible();

  // A plan of two months is refused with a clear message; the dates stay.
  await page.locator("#plan-validTo").fill(dayFromToday(60));
  await page.getByRole("button", { name: "Utwórz szkic planu" }).click();
  await expect(page.getByText("Plan musi trwać od 3 do 12 miesięcy.")).toBeVisible();
  await expect(page.locator("#plan-validTo")).toHaveValue(dayFromToday(60));
  await page.locator("#plan-validTo").fill(dayFromToday(180));
  await page.getByRole("button", { name: "Utwórz szkic planu" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Indywidualny plan usług: ${helena.name}` })).toBeVisible();

  await page.getByLabel("Cel", { exact: true }).fill("Lepsze samopoczucie i bezpieczeństwo w domu");
  await page.getByLabel("Kryterium osiągnięcia").fill("Samoocena nastroju po 3 miesiącach");
  await page.getByRole("button", { name: "Dodaj cel" }).click();
  await expect(page.getByRole("status")).toHaveText("Dodano cel.");

  await page.getByLabel("Usługa", { exact: true }).selectOption({ label: "Wsparcie psychologiczne dla dorosłych" });
  await page.getByLabel("Liczba jednostek").fill("40");
  await page.getByLabel("Częstotliwość").fill("1 × w tygodniu");
  await page.getByRole("button", { name: "Dodaj usługę do planu" }).click();
  await expect(page.getByText("Limit usługi na osobę pozwala w tym okresie na najwyżej 15 jednostek.")).toBeVisible();
  await page.getByLabel("Liczba jednostek").fill("10");
  await page.getByRole("button", { name: "Dodaj usługę do planu" }).click();
  await expect(page.getByRole("status")).toHaveText("Dodano usługę.");
  await page.getByText("Dodaj usługę do planu", { exact: true }).first().click();
  await page.getByLabel("Usługa", { exact: true }).selectOption({ label: "Usługi opiekuńcze w domu" });
  await page.getByLabel("Liczba jednostek").fill("20");
  await page.getByLabel("Częstotliwość").fill("2 × w tygodniu");
  await page.getByRole("button", { name: "Dodaj usługę do planu" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Usługi opiekuńcze w domu" })).toBeVisible();
  await expectNoAxeViolations(page);
  const planUrl = page.url();

  // The director approves.
  const director = await openAs(browser, demo("dyrektor"));
  await director.getByRole("region", { name: "Plany do zatwierdzenia" }).getByRole("link", { name: helena.name }).click();
  await director.getByRole("button", { name: "Zatwierdź plan" }).click();
  await expect(director.getByRole("status")).toHaveText("Plan zatwierdzony.");
  await director.context().close();

  // The coordinator books a weekly series of the psychologist and a single home visit.
  await page.goto(planUrl);
  await page.getByRole("link", { name: /Zarezerwuj.*Wsparcie psychologiczne dla dorosłych/ }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("radio").first().check();
  await page.getByLabel("Liczba tygodni (seria)").fill("10");
  await page.getByRole("button", { name: "Zarezerwuj co tydzień" }).click();
  // The demo has five weeks of availability from the first of the month, Easter Monday included: the
  // psychologist's Tuesdays give SERIES_BOOKED of the ten weeks, and the rest is reported, not silently dropped.
  await expect(page.getByRole("alert").or(page.getByRole("status"))).toContainText(`Zarezerwowano ${SERIES_BOOKED} z 10`);
  await expect(page.getByRole("region", { name: "Terminy niezarezerwowane" })).toBeVisible();
  await page.goto(planUrl);
  await page.getByRole("link", { name: /Zarezerwuj.*Usługi opiekuńcze w domu/ }).click();
  await page.getByRole("radio").nth(2).check();
  await page.getByRole("button", { name: "Zarezerwuj wybrany termin" }).click();
  await expect(page.getByRole("status")).toHaveText("Zarezerwowano.");

  // The home visit is moved to another time: the old one stays in the history, one "changed" email goes out.
  const booked = page.locator(".visit-list > li").first();
  await booked.getByText("Zmień termin lub odwołaj").click();
  await booked.getByLabel("Nowy termin").selectOption({ index: 1 });
  await booked.getByLabel(/Powód/).fill("Mieszkanka prosi o inną godzinę");
  await booked.getByRole("button", { name: "Przenieś na nowy termin" }).click();
  await expect(page.getByRole("status")).toHaveText(/Przeniesiono wizytę/);
  await expect(page.locator(".visit-list")).toContainText("przeniesiona z");

  // Changing the approved plan asks for a reason and keeps version 1 readable.
  await page.goto(planUrl);
  await page.getByLabel("Cel", { exact: true }).fill("Wychodzi z domu raz w tygodniu");
  await page.getByLabel("Kryterium osiągnięcia").fill("Spacer z opiekunką co tydzień");
  await page.getByRole("button", { name: "Dodaj cel" }).click();
  await expect(page.getByText("Podaj powód zmiany (co najmniej 5 znaków).")).toBeVisible();
  await expect(page.getByLabel("Cel", { exact: true })).toHaveValue("Wychodzi z domu raz w tygodniu");
  await page.locator("#goal-reason").fill("Rozmowa z mieszkanką po pierwszych wizytach");
  await page.getByRole("button", { name: "Dodaj cel" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Dodano cel." })).toBeVisible();
  await expect(page.getByText("wersja 2").first()).toBeVisible();
  await page.getByRole("link", { name: "wersja 1" }).click();
  await expect(page.getByText("Powód zmiany: Rozmowa z mieszkanką po pierwszych wizytach")).toBeVisible();
  await expect(page.getByText("Wychodzi z domu raz w tygodniu")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The resident sees the plan and the bookings, and cancels one.
  const resident = await openAs(browser, helena.email, helena.password!);
  await expect(resident.getByRole("heading", { name: "Mój plan" })).toBeVisible();
  await expect(resident.getByText("Wsparcie psychologiczne dla dorosłych").first()).toBeVisible();
  const visits = resident.locator(".visit");
  const before = await visits.count();
  // The series and the moved home visit.
  expect(before).toBe(SERIES_BOOKED + 1);
  await expectNoAxeViolations(resident);
  await visits.first().getByText("Odwołaj", { exact: true }).click();
  await visits.first().getByLabel("Powód odwołania").fill("Wizyta u lekarza");
  await visits.first().getByRole("button", { name: /Odwołaj/ }).click();
  await expect(resident.getByRole("status")).toHaveText("Odwołano rezerwację.");
  await expect(resident.locator(".visit")).toHaveCount(before - 1);

  // The resident's copy of the plan, for printing or saving as PDF.
  await resident.goto("/me");
  await resident.getByRole("link", { name: /Pobierz kopię planu/ }).click();
  await expect(resident.getByRole("heading", { level: 1, name: "Indywidualny plan usług społecznych (IPUS)" })).toBeVisible();
  await expect(resident.getByRole("cell", { name: "Wsparcie psychologiczne dla dorosłych" })).toBeVisible();
  await expectNoAxeViolations(resident);

  // The emails went through the outbox to the development mailbox, in the resident's language.
  await openLatestEmail(resident, helena.email, "Twój plan usług został zatwierdzony");
  await openLatestEmail(resident, helena.email, "Rezerwacja serii: Wsparcie psychologiczne dla dorosłych");
  await expect(resident.locator("pre.email-text")).toContainText("Zarezerwowaliśmy dla Ciebie");
  await openLatestEmail(resident, helena.email, "Zmiana terminu: Usługi opiekuńcze w domu");
  await expect(resident.locator("pre.email-text")).toContainText("Mieszkanka prosi o inną godzinę");
  await openLatestEmail(resident, helena.email, "Odwołana wizyta");
  await expect(resident.locator("pre.email-text")).toContainText("Powód: Wizyta u lekarza");
  await resident.context().close();
});

test("a provider records yesterday's visits: one delivered with units, one a no-show, as a timesheet", async ({ page, world }) => {
  const plan = { offers: [offers.psychologist] };
  const delivered = await world.resident({ plan, pastVisits: [{ daysAgo: 1, outcome: null }] });
  const missed = await world.resident({ plan, pastVisits: [{ daysAgo: 1, outcome: null }] });
  await signIn(page, demo("uslugodawca"));
  await page.goto(`/provider/bookings?week=${dayFromToday(-1)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Rezerwacje i realizacja" })).toBeVisible();
  // Only what the provider needs: name, phone, access needs; never a PESEL or a document number.
  await expect(page.getByText(delivered.name).first()).toBeVisible();
  await expect(page.getByText(`T${delivered.lastName.split("-")[1]}`)).toHaveCount(0);
  await expectNoAxeViolations(page);
  const first = page.getByRole("group", { name: new RegExp(delivered.name) });
  await first.getByLabel("Zrealizowano").check();
  await first.getByLabel(/Jednostki/).fill("1,5");
  await first.getByRole("button", { name: /Zapisz/ }).click();
  await expect(page.getByRole("status")).toHaveText("Zapisano 1 wizytę.");
  const second = page.getByRole("group", { name: new RegExp(missed.name) });
  await second.getByLabel("Nieobecność").check();
  await page.getByRole("button", { name: "Zapisz cały tydzień" }).click();
  // The whole week saves both visits at least; "Zapisano 1 wizytę." is still the first save's answer.
  await expect(page.getByRole("status")).toHaveText(/^Zapisano ([2-9]|\d{2,}) wizyt/);
  await page.reload();
  await expect(page.getByRole("group", { name: new RegExp(missed.name) }).getByLabel("Nieobecność")).toBeChecked();
  await expect(page.getByRole("group", { name: new RegExp(delivered.name) }).getByLabel(/Jednostki/)).toHaveValue("1,5");
});

test("a provider cannot open a resident's record or a plan by URL; a resident sees only their own page", async ({ page, browser, world }) => {
  const someone = await world.resident({ plan: { offers: [offers.homeCare] } });
  const recordUrl = `/coordinator/residents/${someone.id}`;
  const planUrl = `/coordinator/plans/${someone.plan!.id}`;
  const coordinator = await openAs(browser, demo("koordynator"));
  expect((await coordinator.goto(planUrl))?.status()).toBe(200);
  await coordinator.context().close();

  await signIn(page, demo("uslugodawca"));
  expect((await page.goto(recordUrl))?.status()).toBe(403);
  expect((await page.goto(planUrl))?.status()).toBe(403);

  const resident = await openAs(browser, demo("mieszkaniec"));
  expect((await resident.goto(planUrl))?.status()).toBe(403);
  expect((await resident.goto(recordUrl))?.status()).toBe(403);
  // Their own printed plan is theirs only: another resident's is "not found".
  expect((await resident.goto(`/plans/${someone.plan!.id}/print`))?.status()).toBe(404);
  await resident.context().close();
});

test("a coordinator books a resident straight from a free slot on the shared calendar", async ({ page, world }) => {
  const provider = await world.provider();
  // Thursdays 10:00–12:00, one seat an hour: the slots are this test's alone.
  await world.hours({ offerId: provider.offerId, providerId: provider.id, placeId: provider.placeId, weekdays: [4], startTime: "10:00", endTime: "12:00" });
  const helena = await world.resident({ plan: { offers: [provider.offerName] } });
  await signIn(page, demo("koordynator"));
  await page.goto(`/calendar?provider=${provider.id}&bookable=1&day=${weekdayAhead(4, 1)}`);
  await page.getByRole("table").getByRole("link", { name: /11:00–12:00/ }).click();
  await page.getByLabel(new RegExp(helena.name)).check();
  await page.getByRole("button", { name: "Zarezerwuj" }).click();
  await expect(page.getByRole("status")).toHaveText("Zarezerwowano.");
  await expectNoAxeViolations(page);
  await page.goto(`/coordinator/residents/${helena.id}`);
  await expect(page.getByRole("region", { name: "Rezerwacje" })).toContainText(provider.offerName);
});

test("a family plan: the coordinator books a visit for the husband covered by his wife's plan", async ({ page, world }) => {
  const provider = await world.provider();
  await world.hours({ offerId: provider.offerId, providerId: provider.id, placeId: provider.placeId, weekdays: [3], startTime: "09:00", endTime: "11:00" });
  const wife = await world.resident({ plan: { offers: [provider.offerName], relative: true } });
  const husband = wife.relative!;
  await signIn(page, demo("koordynator"));
  await page.goto(`/coordinator/residents/${wife.id}`);
  await expect(page.getByRole("region", { name: "Rodzina" }).getByRole("link", { name: husband.name })).toBeVisible();
  await page.getByRole("region", { name: "Plany (IPUS)" }).getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Rodzina objęta planem" }).getByRole("link", { name: husband.name })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(`Zarezerwuj.*${provider.offerName}`) }).click();
  await page.getByLabel("Dla kogo").first().selectOption({ label: husband.name });
  await page.getByRole("radio").last().check();
  await page.getByRole("button", { name: "Zarezerwuj wybrany termin" }).click();
  await expect(page.getByRole("status")).toHaveText("Zarezerwowano.");
  await expect(page.locator(".visit-list")).toContainText(husband.name);
  await expectNoAxeViolations(page);
});

test("a refugee resident reads her page, her plan copy and her emails in Ukrainian", async ({ page }) => {
  await signIn(page, demo("olena.kovalenko"));
  await expect(page.getByRole("heading", { level: 1, name: "Добрий день, Olena Kovalenko" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  await expect(page.getByRole("heading", { name: "Мій план" })).toBeVisible();
  // Every label she reads is Ukrainian: her centre's card, her visits' statuses.
  await expect(page.getByText("Гміни, які обслуговує центр")).toBeVisible();
  await expect(page.locator("main")).not.toContainText(/Obsługiwane gminy|Kontakt|zrealizowana|zarezerwowana/);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: /Завантажити копію плану/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Індивідуальний план соціальних послуг (IPUS)" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Хто і де" })).toBeVisible();
  // The public catalogue is in Ukrainian too; a page that is not (provider registration) says it is Polish.
  await page.goto("/catalogue");
  await expect(page.getByRole("heading", { level: 1, name: "Каталог соціальних послуг" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  await expectNoAxeViolations(page);
  await page.goto("/register-provider");
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await expect(page.getByRole("button", { name: /Polski/ })).toBeVisible();
});

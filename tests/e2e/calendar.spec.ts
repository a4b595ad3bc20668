import { demo, expect, expectNoAxeViolations, newContext, openAs, signIn, test, weekdayAhead } from "./helpers";

const dayNextWeek = (isoWeekday: number) => weekdayAhead(isoWeekday, 1);

test("a provider sets weekly hours on the calendar and a closure; a coordinator finds the free slots", async ({ page, browser, world }) => {
  // A long journey through two accounts: give it room on a busy two-core machine.
  test.setTimeout(150_000);
  const wednesday = dayNextWeek(3);
  const tuesday = dayNextWeek(2);
  // A provider of the test's own, whose offer already has Tuesday mornings: the closure below is for those.
  const provider = await world.provider();
  await world.hours({ offerId: provider.offerId, providerId: provider.id, placeId: provider.placeId, weekdays: [2], startTime: "09:00", endTime: "11:00" });
  await signIn(page, provider.admin.email, provider.admin.password);
  await page.getByRole("link", { name: "Kalendarz" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kalendarz i dostępność" })).toBeVisible();
  await expect(page.locator(".fc")).toBeVisible();
  await expectNoAxeViolations(page);

  // Select Wednesday 16:00–18:00 of next week (a free part of the day) with the mouse: the weekly-hours form fills in.
  await page.locator(".fc-next-button").click();
  const column = page.locator(`td.fc-timegrid-col[data-date="${wednesday}"]`);
  await expect(column).toBeVisible();
  await page.locator('td.fc-timegrid-slot-lane[data-time="17:30:00"]').scrollIntoViewIfNeeded();
  const colBox = (await column.boundingBox())!;
  const from = (await page.locator('td.fc-timegrid-slot-lane[data-time="16:00:00"]').boundingBox())!;
  const to = (await page.locator('td.fc-timegrid-slot-lane[data-time="17:30:00"]').boundingBox())!;
  const x = colBox.x + colBox.width / 2;
  await page.mouse.move(x, from.y + 4);
  await page.mouse.down();
  await page.mouse.move(x, from.y + 40, { steps: 4 });
  await page.mouse.move(x, to.y + to.height - 4, { steps: 6 });
  await page.mouse.up();
  const rule = page.locator("#rule-form");
  await expect(rule.getByLabel("Od godziny")).toHaveValue("16:00");
  await expect(rule.getByLabel("Do godziny")).toHaveValue("18:00");
  await expect(rule.getByLabel("środa")).toBeChecked();
  await expect(rule.getByLabel("Obowiązuje od")).toHaveValue(wednesday);

  await rule.getByLabel("Usługa").selectOption({ label: provider.offerName });
  await rule.getByLabel("Miejsce").selectOption({ label: `${provider.placeName} (Borków)` });
  await rule.getByLabel("Długość jednej wizyty (minuty)").fill("50");
  await rule.getByLabel("Przerwa między wizytami (minuty)").fill("10");
  await rule.getByLabel("Liczba miejsc").fill("1");
  await rule.getByRole("button", { name: "Dodaj stałe godziny" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Dodano stałe godziny" })).toBeVisible();

  // A closure for next Tuesday: the psychologist is on leave.
  const closure = page.locator("#exception-form");
  await closure.getByLabel("Usługa").selectOption({ label: provider.offerName });
  await closure.getByLabel("Od dnia").fill(tuesday);
  await closure.getByLabel("Do dnia").fill(tuesday);
  await closure.getByLabel("Powód").fill("Urlop psychologa");
  await closure.getByRole("button", { name: "Zapisz" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Zapisano zamknięcie." })).toBeVisible();
  await expect(page.getByText("Urlop psychologa")).toBeVisible();

  // The coordinator sees next Wednesday's new slots on the shared calendar, filtered.
  const coordinator = await openAs(browser, demo("koordynator"));
  await coordinator.getByRole("link", { name: "Kalendarz" }).click();
  await coordinator.getByLabel("Czego szukasz?").fill("konsultacje psychologiczne");
  await coordinator.getByLabel("Usługodawca").selectOption({ label: provider.name });
  await coordinator.getByLabel("Forma realizacji").selectOption("place");
  await coordinator.getByLabel("Tylko terminy z wolnymi miejscami").check();
  await coordinator.getByRole("button", { name: "Pokaż", exact: true }).click();
  await coordinator.waitForURL(/bookable=1/);
  await coordinator.goto(`${new URL(coordinator.url()).pathname}${new URL(coordinator.url()).search.replace(/day=[^&]*/, `day=${wednesday}`)}`);
  const table = coordinator.getByRole("table", { name: /terminy|termin|terminów/ });
  await expect(table.getByRole("row").filter({ hasText: "16:00–16:50" }).filter({ hasText: provider.offerName })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "17:00–17:50" }).filter({ hasText: "1 wolne miejsce z 1" })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "Poradnictwo prawne" })).toHaveCount(0);
  await expect(coordinator.locator(".fc")).toBeVisible();
  await expectNoAxeViolations(coordinator);

  // Next Tuesday the psychologist is closed: nothing of that offer can be booked. (Visits already booked that
  // day would stay listed as closed, with bookings to move.)
  await coordinator.goto(`/calendar?provider=${provider.id}&day=${tuesday}&bookable=1`);
  await expect(coordinator.getByText("Brak terminów w tym okresie.")).toBeVisible();
  await coordinator.goto(`/calendar?provider=${provider.id}&day=${tuesday}`);
  await expect(coordinator.locator("#list").getByText(/wolne miejsc/)).toHaveCount(0);
  // The Tuesday after is open as before.
  await coordinator.goto(`/calendar?provider=${provider.id}&day=${weekdayAhead(2, 2)}&bookable=1`);
  await expect(coordinator.locator("#list").getByText("1 wolne miejsce z 1").first()).toBeVisible();

  // A slot opens its details.
  await coordinator.goto(`/calendar?provider=${provider.id}&day=${wednesday}`);
  await coordinator.getByRole("link", { name: /16:00–16:50/ }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: `Termin: ${provider.offerName}` })).toBeVisible();
  await expect(coordinator.getByText("1 wolne miejsce z 1")).toBeVisible();
  await coordinator.context().close();
});

test("a provider cannot open another provider's slot, and the slots API is scoped", async ({ page, browser }) => {
  const coordinator = await openAs(browser, demo("koordynator"));
  await coordinator.goto(`/calendar?q=zlota+raczka&day=${dayNextWeek(2)}`);
  const href = await coordinator.getByRole("link", { name: /wtorek|środa|czwartek|poniedziałek|piątek/ }).first().getAttribute("href");
  await coordinator.context().close();

  await signIn(page, demo("uslugodawca"));
  const response = await page.goto(href!);
  expect(response?.status()).toBe(403);
  const api = await page.request.get(`/api/slots?start=${dayNextWeek(1)}&end=${dayNextWeek(7)}`);
  const body = (await api.json()) as { slots: { providerName: string }[] };
  expect(body.slots.length).toBeGreaterThan(0);
  expect(new Set(body.slots.map((s) => s.providerName))).toEqual(new Set(["Fundacja Pomocna Dłoń"]));

  // Signed out: sent to sign in, with nothing of the slots.
  const anonymous = await (await newContext(browser)).newPage();
  const refused = await anonymous.request.get("/api/slots", { maxRedirects: 0 });
  expect(refused.status()).toBe(302);
  expect(refused.headers().location).toMatch(/^\/sign-in\?next=/);
  await anonymous.close();
});

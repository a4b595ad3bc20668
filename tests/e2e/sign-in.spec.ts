import http from "node:http";
import { baseURL } from "../../playwright.config";
import { attemptSignIn, demo, DEMO_PASSWORD, expect, expectNoAxeViolations, newContext, signIn, test } from "./helpers";

const homes = [
  { email: demo("dyrektor"), path: "/centre", heading: "Dzień dobry, Barbara Wiśniewska" },
  { email: demo("organizator"), path: "/organizer", heading: "Dzień dobry, Tomasz Kaczmarek" },
  { email: demo("koordynator"), path: "/coordinator", heading: "Dzień dobry, Anna Nowak" },
  { email: demo("osl"), path: "/community", heading: "Dzień dobry, Paweł Zieliński" },
  { email: demo("finanse"), path: "/finance", heading: "Odpłatności — luty 2026" },
  { email: demo("uslugodawca"), path: "/provider", heading: "Dzień dobry, Magdalena Wójcik" },
  { email: demo("terapeuta"), path: "/provider", heading: "Dzień dobry, Michał Kamiński" },
  { email: demo("mieszkaniec"), path: "/me", heading: "Dzień dobry, Stanisława Jabłońska" },
];

test("the sign-in page has no WCAG 2.1 A/AA violations", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Logowanie" })).toBeVisible();
  await expectNoAxeViolations(page);
});

for (const home of homes) {
  test(`${home.email} lands on ${home.path}, which passes axe`, async ({ page }) => {
    await signIn(page, home.email);
    await expect(page).toHaveURL(home.path);
    await expect(page.getByRole("heading", { level: 1, name: home.heading })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Nawigacja główna" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("a wrong password gets a clear message in Polish and keeps the email", async ({ page }) => {
  await attemptSignIn(page, demo("dyrektor"), "not-the-password");
  await expect(page.getByRole("alert")).toHaveText("Nieprawidłowy adres e-mail lub hasło.");
  await expect(page.getByLabel("Adres e-mail")).toHaveValue(demo("dyrektor"));
});

test("the sixth rapid failed attempt is refused, even with the right password", async ({ page }) => {
  const email = demo("henryk.kowalczyk");
  for (let i = 1; i <= 5; i += 1) {
    await attemptSignIn(page, email, `wrong-${i}`);
    await expect(page.getByRole("alert")).toHaveText("Nieprawidłowy adres e-mail lub hasło.");
  }
  await attemptSignIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("alert")).toContainText("Zbyt wiele nieudanych prób logowania");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-out ends the session: the old cookie no longer works", async ({ page, browser }) => {
  await signIn(page, demo("dyrektor"));
  await expect(page).toHaveURL("/centre");
  const oldCookies = await page.context().cookies();
  expect(oldCookies.find((c) => c.name === "cus_session")?.httpOnly).toBe(true);
  await page.getByRole("button", { name: "Wyloguj" }).click();
  await expect(page.getByRole("status")).toHaveText("Wylogowano.");

  const replay = await newContext(browser);
  await replay.addCookies(oldCookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/centre");
  await expect(replayPage).toHaveURL(/\/sign-in\?next=%2Fcentre/);
  await replay.close();
});

test("a signed-out visitor is sent to sign in, and back where they were going", async ({ page }) => {
  await page.goto("/centre/audit");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcentre%2Faudit/);
  await page.getByLabel("Adres e-mail").fill(demo("dyrektor"));
  await page.getByLabel("Hasło", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Zaloguj się" }).click();
  await expect(page).toHaveURL("/centre/audit");
});

test("a provider asking for a centre staff page gets 403, not the page", async ({ page }) => {
  await signIn(page, demo("uslugodawca"));
  await expect(page).toHaveURL("/provider");
  for (const path of ["/centre/staff", "/centre/audit", "/centre", "/coordinator"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Brak dostępu" })).toBeVisible();
  }
  // Navigation shows only what the role may open.
  const nav = page.getByRole("navigation", { name: "Nawigacja główna" });
  await expect(nav.getByRole("link", { name: "Zespół" })).toHaveCount(0);
});

test("a write from another origin is refused", async ({ request }) => {
  const response = await request.post("/sign-in", {
    headers: { Origin: "https://evil.example" },
    form: { email: demo("dyrektor"), password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("pages carry security headers", async ({ request }) => {
  const response = await request.get("/sign-in");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
});

test("a sign-in link whose next address leads off the site lands on the person's own page instead", async ({ page }) => {
  // "/\t/evil.example" is "//evil.example" to a browser, which drops tabs and newlines from URLs.
  for (const next of ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?next=${encodeURIComponent(decodeURIComponent(next))}`);
    await page.getByLabel("Adres e-mail").fill(demo("koordynator"));
    await page.getByLabel("Hasło", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Zaloguj się" }).click();
    await expect(page).toHaveURL(/\/coordinator$/);
    expect(new URL(page.url()).host).toBe(new URL(baseURL).host);
  }
  // The language switch keeps to the site the same way.
  const answer = await page.request.post("/language", { form: { locale: "en", redirectTo: "/\t/evil.example" }, headers: { Origin: baseURL }, maxRedirects: 0 });
  expect(answer.headers().location).toBe("/");
});

test("signed-in pages are never kept in a cache: Cache-Control no-store", async ({ page }) => {
  await signIn(page, demo("koordynator"));
  for (const path of ["/coordinator", "/calendar", "/account"]) {
    const response = await page.goto(path);
    expect(response?.headers()["cache-control"]).toBe("no-store");
  }
  // The single-fetch data of a page too.
  const data = await page.request.get("/coordinator.data");
  expect(data.headers()["cache-control"]).toBe("no-store");
});

test("a kept-alive connection still answers after six seconds idle (proxies reuse connections for about a minute)", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ask = () =>
    new Promise<{ status: number; socket: unknown }>((resolve, reject) => {
      const request = http.get(`${baseURL}/healthz`, { agent }, (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, socket: request.socket }));
      });
      request.on("error", reject);
    });
  const first = await ask();
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  const second = await ask();
  agent.destroy();
  expect([first.status, second.status]).toEqual([200, 200]);
  expect(second.socket).toBe(first.socket);
});

test("a form of several megabytes is answered 413 with a message, every time, and the connection stays usable", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const body = `offerIds=${"x".repeat(100_000)}&`.repeat(40);
  const send = (method: string, path: string, data?: string, chunked = false) =>
    new Promise<{ status: number; text: string; socket: unknown }>((resolve, reject) => {
      const length = data && !chunked ? { "Content-Length": Buffer.byteLength(data) } : {};
      const headers = data ? { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL, ...length } : {};
      const request = http.request(`${baseURL}${path}`, { method, agent, headers }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text, socket: request.socket }));
      });
      request.on("error", reject);
      request.end(data);
    });
  const answers = [];
  // With a Content-Length the server answers before reading; without one (chunked) the form reader stops at 1 MB.
  for (let attempt = 0; attempt < 10; attempt += 1) answers.push(await send("POST", "/sign-in", body, attempt % 2 === 1));
  const after = await send("GET", "/healthz");
  agent.destroy();
  expect(answers.map((a) => a.status)).toEqual(Array(10).fill(413));
  expect(answers[0]!.text).toContain("Formularz jest za duży.");
  expect(answers[1]!.text).toContain("Formularz jest za duży");
  expect(after.status).toBe(200);
  expect(after.socket).toBe(answers.at(-1)!.socket);
});

import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
/** Where tests ask for data of their own (scripts/e2e-fixtures.ts). */
export const fixturesURL = `http://127.0.0.1:${port + 1}`;
/**
 * The test server's clock starts here and runs on, whatever day the tests run: the same weekdays, holidays and
 * booking horizon every time (Monday 2 March 2026, 8:00 in Warsaw). The browser's clock is set to it too.
 */
export const CLOCK_START = "2026-03-02T07:00:00.000Z";

/**
 * End-to-end tests against the built portal, in Debian's Chromium (no browser downloads here).
 * The server starts on a fresh database: embedded PGlite, or a new database on the server named
 * by DATABASE_URL (see scripts/e2e-server.ts).
 */
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  // A test that fails fails: no retries, in CI either.
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    locale: "pl-PL",
    timezoneId: "Europe/Warsaw",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    env: { PORT: String(port), E2E_FIXTURES_PORT: String(port + 1), PGLITE_DIR: ".data/e2e-pglite", OUTBOX_POLL_MS: "200", NODE_ENV: "test", CLOCK_START },
  },
});

/**
 * The server for end-to-end tests: always a fresh database, then the same start-up as `npm run demo`.
 * With DATABASE_URL, a database `<name>_e2e` (or `_<E2E_DATABASE_SUFFIX>`) is (re)created on that server; the one
 * named is never touched.
 */
import postgres from "postgres";

const baseUrl = process.env.DATABASE_URL;
if (baseUrl) {
  const url = new URL(baseUrl);
  const name = `${url.pathname.slice(1) || "cus"}_${process.env.E2E_DATABASE_SUFFIX ?? "e2e"}`.replace(/[^a-z0-9_]/gi, "_");
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
}

process.argv.push("--fresh");
await import("./demo");
// The fixture service gives each test data of its own (see scripts/e2e-fixtures.ts).
const { startFixtureService } = await import("./e2e-fixtures");
startFixtureService(Number(process.env.E2E_FIXTURES_PORT ?? Number(process.env.PORT ?? 3100) + 1));

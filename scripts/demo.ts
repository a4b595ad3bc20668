/**
 * `npm run demo`: migrations, demo data, then the portal on http://localhost:3000.
 * Runs on the embedded database (PGlite in .data/) unless DATABASE_URL is set.
 * `--fresh` starts from an empty embedded database (used by the end-to-end tests).
 */
import { rmSync } from "node:fs";
import { close, connect, defaultPgliteDir, runMigrations } from "../db/client";
import { seedDemo } from "./demo-data/seed";

if (process.argv.includes("--fresh") && !process.env.DATABASE_URL) {
  rmSync(defaultPgliteDir(), { recursive: true, force: true });
}

const connection = connect();
await runMigrations(connection);
const counts = await seedDemo(connection.db);
console.log(`Demo data in place (${connection.kind}): ${counts.users} people, ${counts.providers} providers, ${counts.residents} residents, ${counts.offers} offers.`);
// The embedded database allows one process at a time: hand it over to the server.
await close(connection);

await import("../server");

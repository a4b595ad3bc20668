import { close, getConnection, runMigrations } from "../db/client";
import { seedDemo } from "./demo-data/seed";

const connection = getConnection();
await runMigrations(connection);
const counts = await seedDemo(connection.db);
console.log(`Demo data in place (${connection.kind}): ${counts.users} people, ${counts.providers} providers, ${counts.residents} residents, ${counts.offers} offers.`);
await close(connection);

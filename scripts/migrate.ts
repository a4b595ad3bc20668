import { close, getConnection, runMigrations } from "../db/client";

const connection = getConnection();
await runMigrations(connection);
console.log(`Migrations applied (${connection.kind}).`);
await close(connection);

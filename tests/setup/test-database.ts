import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { close, connect, runMigrations, setConnection, type Connection, type Database } from "@db/client";

/**
 * Each test file gets its own migrated database: in-memory PGlite by default, or a fresh database
 * on the server named by DATABASE_URL (created here, dropped afterwards). The app's `getDb()` points at it.
 */
export function setupTestDatabase(): { readonly db: Database; readonly connection: Connection } {
  let connection: Connection | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  const baseUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    if (baseUrl) {
      const name = `cus_test_${randomBytes(6).toString("hex")}`;
      const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      connection = connect({ databaseUrl: url.toString() });
      dropDatabase = async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    } else {
      connection = connect({ pgliteDir: "memory://" });
    }
    await runMigrations(connection);
    setConnection(connection);
  });

  afterAll(async () => {
    setConnection(undefined);
    if (connection) await close(connection);
    await dropDatabase?.();
  });

  return {
    get db() {
      if (!connection) throw new Error("test database not ready");
      return connection.db;
    },
    get connection() {
      if (!connection) throw new Error("test database not ready");
      return connection;
    },
  };
}

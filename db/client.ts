import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** One type for both drivers; a transaction is usable wherever a Database is. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

type Connection =
  | { kind: "postgres"; db: Database; client: postgres.Sql }
  | { kind: "pglite"; db: Database; client: PGlite };

/** Paths resolve from the project root (the working directory): the server bundle lives in build/, not db/. */
export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export function defaultPgliteDir(): string {
  return path.resolve(process.cwd(), process.env.PGLITE_DIR ?? ".data/pglite");
}

/**
 * Every query as a prepared statement: PostgreSQL parses and plans each distinct query once per connection
 * instead of at every call (drizzle asks postgres.js for unprepared ones unless a query is named). Measured on
 * the booking path: the server's work per booking falls several times (see docs/decisions/011).
 */
function preparingEveryQuery(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, args?: unknown[], options?: object) => target.unsafe(query, args as never, { ...options, prepare: true });
      }
      if (property === "begin") {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: postgres.TransactionSql) => fn(preparingEveryQuery(tx as unknown as postgres.Sql)));
        };
      }
      if (property === "savepoint") {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          return ((target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint)(...args, (tx: postgres.Sql) => fn(preparingEveryQuery(tx)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

export function connect(options: { databaseUrl?: string; pgliteDir?: string } = {}): Connection {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (databaseUrl) {
    const client = postgres(databaseUrl, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
    });
    return { kind: "postgres", db: drizzlePostgres(preparingEveryQuery(client), { schema, casing: "snake_case" }) as unknown as Database, client };
  }
  const dir = options.pgliteDir ?? (process.env.PGLITE_DIR === "memory://" ? "memory://" : defaultPgliteDir());
  if (dir !== "memory://") mkdirSync(path.dirname(dir), { recursive: true });
  const client = new PGlite({ ...(dir === "memory://" ? {} : { dataDir: dir }), extensions: { btree_gist, pg_trgm } });
  return { kind: "pglite", db: drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Database, client };
}

export async function runMigrations(connection: Connection): Promise<void> {
  if (connection.kind === "postgres") {
    await migratePostgres(connection.db as never, { migrationsFolder });
  } else {
    await migratePglite(connection.db as never, { migrationsFolder });
  }
}

export async function close(connection: Connection): Promise<void> {
  if (connection.kind === "postgres") await connection.client.end({ timeout: 5 });
  else await connection.client.close();
}

// One connection per process; kept on globalThis so the dev server's rebuilds reuse it.
const globalForDb = globalThis as unknown as { __cusConnection?: Connection };

export function getConnection(): Connection {
  globalForDb.__cusConnection ??= connect();
  return globalForDb.__cusConnection;
}

export function getDb(): Database {
  return getConnection().db;
}

/** Test and script hook: make `getDb()` return this connection. */
export function setConnection(connection: Connection | undefined): void {
  globalForDb.__cusConnection = connection;
}

export type { Connection };
export { schema };

/** Answers when the database does (health checks). */
export async function ping(): Promise<void> {
  const connection = getConnection();
  if (connection.kind === "postgres") await connection.client`select 1`;
  else await connection.client.query("select 1");
}

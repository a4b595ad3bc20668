/** A throw-away PostgreSQL database for a benchmark, next to the one DATABASE_URL names. */
import postgres from "postgres";
import { close, connect, runMigrations, setConnection } from "../db/client";

export async function createBenchDatabase(name: string) {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    console.error("Set DATABASE_URL to a PostgreSQL server (the bench creates its own database there).");
    process.exit(2);
  }
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const connection = connect({ databaseUrl: url.toString() });
  await runMigrations(connection);
  setConnection(connection);
  return {
    db: connection.db,
    async drop() {
      setConnection(undefined);
      await close(connection);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A repeatable pseudo-random generator, so every run builds the same centre. */
export function seededRandom(seed = 42) {
  // mulberry32: 32-bit integer arithmetic, so the sequence does not collapse into short cycles.
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return { random, pick };
}

export function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

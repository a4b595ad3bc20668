/**
 * A bounded soak: a mixed read load (the public catalogue and open data, the coordinator's desk and the shared
 * calendar, a provider's calendar and bookings, a resident's page) from 16 clients over kept-alive connections,
 * for five minutes by default, then it stops by itself. It prints the requests, the errors (answers ≥ 500 and
 * broken connections — the number that must stay 0), p50/p95 latency and the server's memory at start and end.
 *
 *   npm run build && npx tsx bench/soak.ts                          # its own portal, 300 s, 16 clients
 *   npx tsx bench/soak.ts --seconds 60 --clients 8                   # shorter
 *   npx tsx bench/soak.ts --base http://localhost:3000               # against a running demo (localhost only)
 */
import { Agent, fetch as undiciFetch } from "undici";
import { DEMO_PASSWORD, demoAccounts } from "../db/demo-accounts";
import { percentiles } from "./bench-database";
import { localBase, startPortal, type RunningPortal } from "./portal-server";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1] ?? "");
const SECONDS = Math.min(3600, Number(args.get("seconds") ?? 300));
const CLIENTS = Math.min(64, Number(args.get("clients") ?? 16));

let portal: RunningPortal | undefined;
let base = args.get("base") ? localBase(args.get("base")!) : "";
if (!base) {
  console.log("Starting the portal on a fresh database …");
  portal = await startPortal({ port: Number(process.env.SOAK_PORT ?? 3400), name: "soak" });
  base = portal.url;
}
// Connections kept alive between requests, as browsers and proxies keep them; idle gaps test the server's timeout.
const agent = new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 120_000, connections: CLIENTS });
const get = (path: string, cookie?: string) => undiciFetch(`${base}${path}`, { dispatcher: agent, headers: cookie ? { cookie } : {}, redirect: "manual" });

async function cookieFor(email: string): Promise<string> {
  const answer = await undiciFetch(`${base}/sign-in`, {
    dispatcher: agent,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }).toString(),
    redirect: "manual",
  });
  const cookie = answer.headers.getSetCookie().find((c) => c.startsWith("cus_session="));
  if (!cookie) throw new Error(`could not sign in ${email}`);
  return cookie.split(";")[0]!;
}

const account = (role: string) => demoAccounts.find((a) => a.role === role)!.email;
const sessions = {
  coordinator: await cookieFor(account("coordinator")),
  provider: await cookieFor(account("provider_admin")),
  resident: await cookieFor(account("resident")),
};
const week = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** What people read, weighted roughly as a centre's day: the public catalogue most, then staff and providers. */
const mix: { path: () => string; cookie?: string; weight: number }[] = [
  { path: () => "/catalogue", weight: 4 },
  { path: () => `/catalogue?q=${["opieka", "psycholog", "senior", "rehabilitacja", "zlota raczka"][Math.floor(Math.random() * 5)]}`, weight: 4 },
  { path: () => `/api/hsds/services?page=${1 + Math.floor(Math.random() * 3)}&per_page=20`, weight: 2 },
  { path: () => "/api/hsds/organizations", weight: 1 },
  { path: () => "/coordinator", cookie: sessions.coordinator, weight: 2 },
  { path: () => `/calendar?day=${week(Math.floor(Math.random() * 14))}`, cookie: sessions.coordinator, weight: 2 },
  { path: () => `/api/slots?start=${week(0)}&end=${week(7)}`, cookie: sessions.coordinator, weight: 2 },
  { path: () => "/provider/bookings", cookie: sessions.provider, weight: 1 },
  { path: () => "/provider/calendar", cookie: sessions.provider, weight: 1 },
  { path: () => "/me", cookie: sessions.resident, weight: 1 },
];
const weighted = mix.flatMap((m) => Array.from({ length: m.weight }, () => m));

const memoryAtStart = portal?.rssMegabytes();
const times: number[] = [];
const errors = new Map<string, number>();
const statuses = new Map<number, number>();
const deadline = Date.now() + SECONDS * 1000;
await Promise.all(
  Array.from({ length: CLIENTS }, async (_, client) => {
    while (Date.now() < deadline) {
      const pick = weighted[Math.floor(Math.random() * weighted.length)]!;
      const path = pick.path();
      const t0 = performance.now();
      try {
        const answer = await get(path, pick.cookie);
        await answer.arrayBuffer();
        times.push(performance.now() - t0);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) errors.set(`${answer.status} ${path.split("?")[0]}`, (errors.get(`${answer.status} ${path.split("?")[0]}`) ?? 0) + 1);
      } catch (error) {
        const key = `${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message} ${path.split("?")[0]}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
      // Now and then a client pauses for longer than Node's default keep-alive (5 s), as people do between clicks.
      if (client % 4 === 0 && Math.random() < 0.02) await new Promise((resolve) => setTimeout(resolve, 6_000));
    }
  }),
);
const memoryAtEnd = portal?.rssMegabytes();
const { p50, p95, max } = percentiles(times);
const failed = [...errors.values()].reduce((sum, n) => sum + n, 0);
console.log(`Soak: ${CLIENTS} clients for ${SECONDS} s against ${base}: ${times.length + failed} requests (${((times.length + failed) / SECONDS).toFixed(0)}/s), errors ${failed}`);
console.log(`  statuses ${[...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ")}; latency p50 ${p50} ms, p95 ${p95} ms, max ${max} ms`);
if (memoryAtStart !== undefined) console.log(`  server memory (RSS of its processes): ${memoryAtStart.toFixed(0)} MB at start, ${memoryAtEnd!.toFixed(0)} MB at the end`);
for (const [what, n] of errors) console.log(`  ${n} × ${what}`);
await agent.close();
portal?.stop();
process.exit(failed > 0 ? 1 : 0);

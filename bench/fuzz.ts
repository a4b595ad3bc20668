/**
 * Bad input against every form action and query parameter the portal shows, as each role and anonymous.
 * It signs in as each demo role, crawls the pages that role can reach, reads every form and every link with a
 * query string from the HTML, and sends variants no person would: missing fields, NUL bytes, 1 MB strings,
 * impossible dates, malformed ids, huge and negative numbers, repeated keys, files where text belongs, and
 * bodies that are not forms at all (empty, JSON, text/plain, broken multipart). It prints how many requests
 * it sent and every response ≥ 500 by route; the target is none. Exit code 1 when there was one.
 *
 *   npm run build && npx tsx bench/fuzz.ts                  # at most 10,000 requests against its own server
 *   npx tsx bench/fuzz.ts --budget 1500                     # the short run CI makes (npm test)
 *   npx tsx bench/fuzz.ts --base http://localhost:3000      # against a running demo (localhost only)
 *
 * Without --base it starts the portal itself (scripts/e2e-server.ts) on a fresh database: embedded, or
 * `<name>_fuzz` next to the one DATABASE_URL names. Bounded: it stops after the budget, and never leaves localhost.
 */
import { parse, type HTMLElement } from "node-html-parser";
import { demoAccounts, DEMO_PASSWORD } from "../db/demo-accounts";
import { localBase, startPortal, type RunningPortal } from "./portal-server";

const MAX_BUDGET = 10_000;
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 1) {
  const [key, inline] = process.argv[i]!.replace(/^--/, "").split("=");
  args.set(key!, inline ?? process.argv[i + 1] ?? "");
  if (inline === undefined) i += 1;
}
const budget = Math.min(MAX_BUDGET, Number(args.get("budget") ?? MAX_BUDGET) || MAX_BUDGET);
const pagesPerRole = Number(args.get("pages") ?? 60);
const port = Number(process.env.FUZZ_PORT ?? 3300);
let base = args.get("base") ? localBase(args.get("base")!) : "";

// ---------------------------------------------------------------- clients
type Answer = { status: number; location: string | null; type: string; text: string };
type Body = { contentType?: string; data: string };

class Client {
  cookie = "";
  constructor(
    readonly label: string,
    readonly ip: string,
    readonly email: string | null,
  ) {}

  async send(method: string, path: string, body?: Body): Promise<Answer> {
    const headers: Record<string, string> = { origin: base, "x-forwarded-for": this.ip, "user-agent": "cus-fuzz" };
    if (this.cookie) headers.cookie = this.cookie;
    if (body?.contentType) headers["content-type"] = body.contentType;
    const response = await fetch(`${base}${path}`, { method, headers, body: body?.data, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("cus_session="));
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    const type = response.headers.get("content-type") ?? "";
    const text = type.includes("html") || type.includes("text") || type.includes("json") ? await response.text() : (await response.arrayBuffer(), "");
    return { status: response.status, location: response.headers.get("location"), type, text };
  }

  async signIn() {
    if (!this.email) return;
    this.cookie = "";
    const answer = await this.send("POST", "/sign-in", form([["email", this.email], ["password", DEMO_PASSWORD]]));
    if (answer.status !== 302 || !this.cookie) throw new Error(`${this.label} could not sign in (${answer.status})`);
  }
}

const form = (pairs: [string, string][]): Body => ({ contentType: "application/x-www-form-urlencoded", data: new URLSearchParams(pairs).toString() });

// ---------------------------------------------------------------- reading pages
type FieldKind = "text" | "hidden" | "date" | "number" | "select" | "checkbox" | "radio" | "textarea" | "email" | "password" | "time" | "file";
type FormField = { name: string; kind: FieldKind; value: string; options: string[] };
type FoundForm = { role: string; page: string; action: string; method: "get" | "post"; fields: FormField[]; submit: [string, string] | null };

const skipPath = (path: string) => /^\/(build|favicon)|\.(css|js|png|svg|ico)$|^\/sign-out|^\/feeds\//.test(path);

function localPath(href: string, from: string): string | null {
  try {
    const url = new URL(href, `${base}${from}`);
    if (url.origin !== new URL(base).origin) return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

function readForms(root: HTMLElement, page: string, role: string): FoundForm[] {
  const found: FoundForm[] = [];
  for (const element of root.querySelectorAll("form")) {
    const method = (element.getAttribute("method") ?? "get").toLowerCase() === "post" ? "post" : "get";
    const action = localPath(element.getAttribute("action") ?? page, page);
    if (!action || skipPath(action.split("?")[0]!)) continue;
    const fields: FormField[] = [];
    const seenRadio = new Set<string>();
    for (const input of element.querySelectorAll("input, select, textarea")) {
      const name = input.getAttribute("name");
      if (!name) continue;
      const tag = input.tagName.toLowerCase();
      if (tag === "select") {
        const options = input.querySelectorAll("option").map((o) => o.getAttribute("value") ?? o.text);
        const selected = input.querySelector("option[selected]");
        fields.push({ name, kind: "select", value: selected ? (selected.getAttribute("value") ?? selected.text) : (options[0] ?? ""), options });
      } else if (tag === "textarea") {
        fields.push({ name, kind: "textarea", value: input.text || "Tekst próbny", options: [] });
      } else {
        const type = (input.getAttribute("type") ?? "text").toLowerCase();
        if (type === "submit" || type === "button") continue;
        if (type === "radio") {
          if (seenRadio.has(name)) continue;
          seenRadio.add(name);
        }
        const kind: FieldKind = type === "hidden" || type === "date" || type === "number" || type === "checkbox" || type === "radio" || type === "email" || type === "password" || type === "time" || type === "file" ? type : "text";
        fields.push({ name, kind, value: input.getAttribute("value") ?? defaultFor(kind), options: [] });
      }
    }
    const buttons = element.querySelectorAll("button[name]").map((b) => [b.getAttribute("name")!, b.getAttribute("value") ?? ""] as [string, string]);
    for (const submit of buttons.length ? buttons : [null]) found.push({ role, page, action, method, fields, submit });
  }
  return found;
}

function defaultFor(kind: FieldKind): string {
  switch (kind) {
    case "date":
      return new Date().toISOString().slice(0, 10);
    case "number":
      return "1";
    case "email":
      return "fuzz@example.test";
    case "password":
      return "Fuzz-password-123";
    case "time":
      return "10:00";
    case "checkbox":
      return "on";
    default:
      return "Tekst próbny";
  }
}

async function crawl(client: Client, starts: string[]): Promise<{ pages: string[]; forms: FoundForm[] }> {
  const queue = [...starts];
  const seen = new Set<string>();
  const perPattern = new Map<string, number>();
  const pages: string[] = [];
  const forms: FoundForm[] = [];
  while (queue.length && pages.length < pagesPerRole) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const shape = pattern(path);
    if ((perPattern.get(shape) ?? 0) >= 2) continue;
    perPattern.set(shape, (perPattern.get(shape) ?? 0) + 1);
    const answer = await client.send("GET", path);
    if (answer.status !== 200 || !answer.type.includes("html")) continue;
    pages.push(path);
    const root = parse(answer.text);
    forms.push(...readForms(root, path, client.label));
    for (const link of root.querySelectorAll("a[href]")) {
      const next = localPath(link.getAttribute("href")!, path);
      if (next && !skipPath(next.split("?")[0]!) && !seen.has(next)) queue.push(next);
    }
  }
  return { pages, forms };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A route's shape: ids and tokens replaced, query values dropped. */
function pattern(path: string): string {
  const [pathname, search] = path.split("?");
  const shapedPath = pathname!.replace(UUID, ":id").replace(/\/[A-Za-z0-9_-]{32,}(\.ics)?$/, "/:token$1");
  const keys = search ? [...new URLSearchParams(search).keys()].sort().join("&") : "";
  return keys ? `${shapedPath}?${keys}` : shapedPath;
}

// ---------------------------------------------------------------- what is sent
const MB = "x".repeat(1024 * 1024);
const NUL = "a\u0000b";
const badDates = ["2026-02-31", "0000-01-01", "NaN", "-1", "99999-12-31", "2026-13-01", "31.12.2026"];
const badIds = ["not-an-id", "", "00000000-0000-0000-0000-000000000000", "1' or '1'='1", "%00", "-1"];
const badNumbers = ["NaN", "-1", "1e309", "99999999999999999999", "Infinity", "1.5", "0x10", ""];
const isDateLike = (f: FormField) => f.kind === "date" || /(date|On|From|To|Until|week|day|starts|from|to)$/i.test(f.name);
const isIdLike = (f: FormField) => /Id$|^id$|Ids?\b/.test(f.name) || /^[0-9a-f]{8}-/.test(f.value);
const isNumberLike = (f: FormField) => f.kind === "number" || /seats|minutes|units|weeks|page|capacity|hours|limit|price|count|Days$|Months$/i.test(f.name);

type Probe = { role: string; method: string; path: string; body?: Body; what: string };

function pairsOf(f: FoundForm, change?: { name: string; value: string | null }): [string, string][] {
  const pairs: [string, string][] = [];
  for (const field of f.fields) {
    if (change && field.name === change.name) {
      if (change.value !== null) pairs.push([field.name, change.value]);
      continue;
    }
    if (field.kind === "file") continue;
    pairs.push([field.name, field.value]);
  }
  if (f.submit) pairs.push(f.submit);
  return pairs;
}

function multipart(parts: { name: string; value: string; filename?: string }[], broken = false): Body {
  const boundary = "----cusfuzz7d1b";
  const chunks = parts.map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"\r\nContent-Type: application/octet-stream` : ""}\r\n\r\n${p.value}\r\n`);
  const data = broken ? `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nbro` : `${chunks.join("")}--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, data };
}

/** Variants of one POST form, from the most telling to the most thorough; rank r of every form goes before rank r+1. */
function postProbes(f: FoundForm): Probe[][] {
  const at = (what: string, body: Body): Probe => ({ role: f.role, method: "POST", path: f.action, body, what });
  const editable = f.fields.filter((x) => x.name !== "intent" && x.kind !== "file");
  const ranks: Probe[][] = [];
  ranks.push([at("NUL in every field", form(pairsOf(f).map(([k, v]) => (k === f.submit?.[0] ? [k, v] : [k, `${v}${NUL}`]))))]);
  ranks.push([at("only the button", form(f.submit ? [f.submit] : []))]);
  ranks.push([at("JSON body", { contentType: "application/json", data: JSON.stringify(Object.fromEntries(pairsOf(f))) })]);
  ranks.push([at("text/plain body", { contentType: "text/plain", data: pairsOf(f).map(([k, v]) => `${k}=${v}`).join("\n") })]);
  ranks.push([at("broken multipart", multipart([], true))]);
  ranks.push([at("empty body, no content type", { data: "" })]);
  ranks.push(editable.filter(isDateLike).flatMap((x) => badDates.map((d) => at(`${x.name}=${d}`, form(pairsOf(f, { name: x.name, value: d }))))));
  ranks.push(editable.filter(isIdLike).flatMap((x) => badIds.map((d) => at(`${x.name}=${d}`, form(pairsOf(f, { name: x.name, value: d }))))));
  ranks.push(editable.filter(isNumberLike).flatMap((x) => badNumbers.map((d) => at(`${x.name}=${d}`, form(pairsOf(f, { name: x.name, value: d }))))));
  ranks.push(f.fields.map((x) => at(`without ${x.name}`, form(pairsOf(f, { name: x.name, value: null })))));
  ranks.push(editable.map((x) => at(`NUL in ${x.name}`, form(pairsOf(f, { name: x.name, value: NUL })))));
  ranks.push([at("1 MB in a field", form(pairsOf(f, { name: editable[0]?.name ?? "x", value: MB })))]);
  ranks.push(editable.map((x) => at(`100 kB in ${x.name}`, form(pairsOf(f, { name: x.name, value: MB.slice(0, 100_000) })))));
  ranks.push([at("every key twice", form(pairsOf(f).flatMap((p) => [p, [p[0], `${p[1]}2`] as [string, string]])))]);
  ranks.push(editable.slice(0, 3).map((x) => at(`${x.name} as a file`, multipart(pairsOf(f, { name: x.name, value: null }).map(([name, value]): { name: string; value: string; filename?: string } => ({ name, value })).concat({ name: x.name, value: "plik", filename: "a.bin" })))));
  ranks.push([at("5 MB body", { contentType: "application/x-www-form-urlencoded", data: `x=${MB.repeat(5)}` })]);
  return ranks;
}

function queryProbes(role: string, path: string, names: string[]): Probe[][] {
  const [pathname] = path.split("?");
  const original = new URLSearchParams(path.split("?")[1] ?? "");
  const withValue = (name: string, value: string) => {
    const params = new URLSearchParams(original);
    params.set(name, value);
    return `${pathname}?${params.toString()}`;
  };
  const values = [NUL, ...badDates, ...badNumbers.slice(0, 5), "' or 1=1 --", "x".repeat(8000), "%00"];
  return values.map((value) => names.map((name) => ({ role, method: "GET", path: withValue(name, value), what: `?${name}=${JSON.stringify(value.slice(0, 20))}` })));
}

function pathProbes(role: string, path: string): Probe[] {
  const pathname = path.split("?")[0]!;
  if (!UUID.test(pathname)) return [];
  UUID.lastIndex = 0;
  return ["bad-id", "%00", "00000000-0000-0000-0000-000000000000", "%E2%80%8B", "..%2F..%2Fetc"].map((value) => ({ role, method: "GET", path: pathname.replace(UUID, value), what: `id → ${value}` }));
}

// ---------------------------------------------------------------- run
const started = Date.now();
let portal: RunningPortal | undefined;
if (!base) {
  console.log("Starting the portal on a fresh database …");
  // Client addresses from X-Forwarded-For, so each role signs in from its own (the rate limits are per address).
  portal = await startPortal({ port, name: "fuzz", env: { TRUST_PROXY: "true" } });
  base = portal.url;
}

const roles = [...new Map(demoAccounts.filter((a) => a.email !== `dwie.role@${a.email.split("@")[1]}`).map((a) => [a.role, a])).values()];
const clients = new Map<string, Client>();
clients.set("anonymous", new Client("anonymous", "198.51.100.1", null));
roles.forEach((account, i) => clients.set(account.role, new Client(account.role, `10.0.0.${i + 10}`, account.email)));

const starts: Record<string, string[]> = {
  anonymous: ["/", "/catalogue", "/sign-in", "/forgot-password", "/register-provider", "/api/hsds/services", "/catalogue.csv", "/dev/mailbox", "/reset-password/abc", "/invitations/abc"],
};
const rounds: Probe[][] = [];
const addRound = (rank: number, probes: Probe[]) => {
  while (rounds.length <= rank) rounds.push([]);
  rounds[rank]!.push(...probes);
};
let pagesRead = 0;
let formsRead = 0;
for (const [label, client] of clients) {
  await client.signIn();
  const home = label === "anonymous" ? starts.anonymous! : ["/", "/account", "/catalogue"];
  const { pages, forms } = await crawl(client, home);
  pagesRead += pages.length;
  const signatures = new Set<string>();
  for (const f of forms) {
    const signature = `${f.method} ${pattern(f.action)} ${f.submit?.join("=") ?? ""} ${f.fields.map((x) => x.name).sort().join(",")}`;
    if (signatures.has(signature)) continue;
    signatures.add(signature);
    formsRead += 1;
    if (f.method === "post") postProbes(f).forEach((probes, rank) => addRound(rank, probes));
    else {
      const names = f.fields.map((x) => x.name).filter((n, i, all) => all.indexOf(n) === i);
      const path = `${f.action.split("?")[0]}?${new URLSearchParams(f.fields.map((x) => [x.name, x.value])).toString()}`;
      queryProbes(label, path, names).forEach((probes, rank) => addRound(rank, probes));
    }
  }
  const queried = new Set<string>();
  for (const page of pages) {
    const shape = pattern(page);
    if (page.includes("?") && !queried.has(shape)) {
      queried.add(shape);
      queryProbes(label, page, [...new URLSearchParams(page.split("?")[1]).keys()]).forEach((probes, rank) => addRound(rank, probes));
    }
    addRound(0, pathProbes(label, page));
  }
}
// Paths with tokens and ids that no crawl shows to a stranger.
addRound(0, ["/reset-password/%00", "/invitations/%00", "/feeds/%00.ics", "/feeds/x.ics", "/dev/mailbox/%00", "/dev/mailbox/x/html", "/catalogue/%00", "/catalogue/providers/%00", "/api/slots?from=NaN&to=2026-02-31", "/api/hsds/services?page=-1&per_page=1e309", "/language"].map((path) => ({ role: "anonymous", method: "GET", path, what: "stranger's path" })));
addRound(1, ["/sign-in", "/forgot-password", "/register-provider", "/language"].map((path) => ({ role: "anonymous", method: "POST", path, body: { contentType: "application/json", data: "{\"email\":1}" }, what: "JSON to an anonymous form" })));

const queue = rounds.flat().slice(0, budget);
const statuses = new Map<number, number>();
const failures = new Map<string, { count: number; example: string }>();
let sent = 0;
let networkErrors = 0;
const record = (key: string, example: string) => {
  const entry = failures.get(key) ?? { count: 0, example };
  entry.count += 1;
  failures.set(key, entry);
};
for (const probe of queue) {
  const client = clients.get(probe.role)!;
  try {
    let answer = await client.send(probe.method, probe.path, probe.body);
    sent += 1;
    if (client.email && (answer.status === 302 || answer.status === 303) && answer.location?.startsWith("/sign-in")) {
      await client.signIn();
      answer = await client.send(probe.method, probe.path, probe.body);
      sent += 1;
    }
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500) record(`${probe.method} ${pattern(probe.path)} (${probe.role})`, `${probe.what}: ${answer.text.replace(/\s+/g, " ").slice(0, 160)}`);
  } catch (error) {
    sent += 1;
    networkErrors += 1;
    record(`${probe.method} ${pattern(probe.path)} (${probe.role})`, `${probe.what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const seconds = ((Date.now() - started) / 1000).toFixed(0);
const byClass = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(" ");
console.log(`Read ${pagesRead} pages and ${formsRead} forms as ${clients.size} roles (anonymous included); planned ${rounds.flat().length} probes.`);
console.log(`Sent ${sent} requests in ${seconds} s (budget ${budget}): ${byClass}`);
const fivexx = [...failures.values()].reduce((sum, f) => sum + f.count, 0);
console.log(`Responses ≥ 500 (and broken connections): ${fivexx}${networkErrors ? ` (${networkErrors} connections)` : ""}`);
for (const [route, { count, example }] of [...failures.entries()].sort((a, b) => b[1].count - a[1].count)) console.log(`  ${count} × ${route} — e.g. ${example}`);
portal?.stop();
process.exit(fivexx > 0 ? 1 : 0);

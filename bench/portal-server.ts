/**
 * The portal started for a benchmark run: the end-to-end server script (fresh database, demo data), on its own
 * port, in its own process group so stopping it stops everything it started. For bench/fuzz.ts and bench/soak.ts.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";

export type RunningPortal = { url: string; pid: number; stop(): void; rssMegabytes(): number };

export async function startPortal(options: { port: number; name: string; env?: Record<string, string> }): Promise<RunningPortal> {
  const url = `http://localhost:${options.port}`;
  const child: ChildProcess = spawn("npx", ["tsx", "scripts/e2e-server.ts"], {
    env: { ...process.env, PORT: String(options.port), PGLITE_DIR: `.data/${options.name}-pglite`, E2E_DATABASE_SUFFIX: options.name, NODE_ENV: "test", LOG_LEVEL: "warn", ...options.env },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const stop = () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
  process.on("exit", stop);
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the portal stopped:\n${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) {
        return {
          url,
          pid: child.pid!,
          stop,
          // Resident memory of every process of the group (npx, tsx and the server itself).
          rssMegabytes: () => Number(execFileSync("ps", ["-o", "rss=", "-g", String(child.pid)], { encoding: "utf8" }).split("\n").filter(Boolean).reduce((sum, kb) => sum + Number(kb), 0)) / 1024,
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error(`the portal did not start in 180 s:\n${stderr}`);
}

/** Only a portal on this machine: the scripts never send their load elsewhere. */
export function localBase(base: string): string {
  const trimmed = base.replace(/\/$/, "");
  if (!/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(trimmed)) {
    console.error("--base must be a localhost address: this script never sends its requests elsewhere.");
    process.exit(2);
  }
  return trimmed;
}

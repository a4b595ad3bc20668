/**
 * The HTTP server: Express around the Remix build. Security headers and the cross-origin write
 * check live here so they cover every route; the outbox worker starts with the server.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import express from "express";
import helmet from "helmet";
import { BODY_LIMIT_BYTES, checkoutOrigin, contentSecurityPolicy, isCrossOriginWrite, MAILBOX_HTML_CSP } from "./app/utils/http-security";

const development = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const buildPath = path.resolve("build/index.js");

const build = (await import(buildPath)) as ServerBuild;
const entry = build.entry.module as unknown as { startBackgroundWork?: () => () => void };

const paymentOrigin = checkoutOrigin();
const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "true" ? 1 : false);

app.use(
  helmet({
    contentSecurityPolicy: false, // set below, with a per-request nonce
    strictTransportSecurity: development ? false : { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
  }),
);

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  const mailboxHtml = /^\/dev\/mailbox\/[^/]+\/html$/.test(req.path);
  res.setHeader("Content-Security-Policy", mailboxHtml ? MAILBOX_HTML_CSP : contentSecurityPolicy({ nonce, development, checkoutOrigin: paymentOrigin }));
  res.setHeader("X-Frame-Options", mailboxHtml ? "SAMEORIGIN" : "DENY");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(self)");
  next();
});

app.use((req, res, next) => {
  const refused = isCrossOriginWrite({
    method: req.method,
    path: req.path,
    host: req.get("host"),
    origin: req.get("origin"),
    secFetchSite: req.get("sec-fetch-site"),
  });
  if (refused) {
    res.status(403).type("text/plain; charset=utf-8").send("Żądanie z innej witryny zostało odrzucone. / Cross-origin request refused.");
    return;
  }
  next();
});

// A body larger than any form is refused before anyone reads it (a stream without a length is cut off by the
// boundary's reader, app/modules/kernel/boundary.server.ts).
app.use((req, res, next) => {
  if (Number(req.get("content-length") ?? 0) > BODY_LIMIT_BYTES) {
    res.status(413).type("text/plain; charset=utf-8").send("Formularz jest za duży. / The request body is too large.");
    // Read and drop what the client is still sending, so it can read the answer and keep the connection (closing it
    // while the client still writes makes the client fail with EPIPE instead); past a point, hang up.
    let dropped = 0;
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > 16 * BODY_LIMIT_BYTES) req.destroy();
    });
    return;
  }
  next();
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

// Pages hold personal data and depend on who is signed in: nothing the portal renders is kept by a browser or a
// proxy cache, unless a route says otherwise (public open data does).
app.use((_req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
    if (!this.getHeader("Cache-Control")) this.setHeader("Cache-Control", "no-store");
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({ cspNonce: String(res.locals.cspNonce), ip: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  }),
);

// Without Stripe keys the portal talks to the local Stripe stand-in (docs/decisions/014), started here with it.
const standin = process.env.STRIPE_SECRET_KEY || process.env.STRIPE_STANDIN === "off" ? null : await startLocalStripe();

async function startLocalStripe() {
  const { startStripeStandin } = await import("./stripe-standin/server");
  const { STANDIN_WEBHOOK_SECRET } = await import("./app/modules/stripe/client.server");
  const standinPort = Number(process.env.STRIPE_STANDIN_PORT ?? port + 2);
  const started = await startStripeStandin({
    port: standinPort,
    host: "127.0.0.1",
    publicUrl: process.env.STRIPE_STANDIN_PUBLIC_URL ?? `http://localhost:${standinPort}`,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/stripe`,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? STANDIN_WEBHOOK_SECRET,
    log: (line) => console.log(line),
  });
  process.env.STRIPE_STANDIN_URL = started.url;
  console.log(`Local Stripe stand-in at ${started.url} (no STRIPE_SECRET_KEY)`);
  return started;
}

const stopBackgroundWork = entry.startBackgroundWork?.();

const server = app.listen(port, () => {
  console.log(`CUS portal ready at http://localhost:${port}`);
  if (process.env.REMIX_DEV_ORIGIN) void broadcastDevReady(build);
});
// Behind a proxy or a load balancer, which keep connections open for about a minute, the server must keep them
// longer, or it closes one just as the proxy sends a request on it (Node's default is 5 s).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

function shutdown() {
  stopBackgroundWork?.();
  void standin?.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

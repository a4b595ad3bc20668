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
import { contentSecurityPolicy, isCrossOriginWrite, MAILBOX_HTML_CSP } from "./app/utils/http-security";

const development = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const buildPath = path.resolve("build/index.js");

const build = (await import(buildPath)) as ServerBuild;
const entry = build.entry.module as unknown as { startBackgroundWork?: () => () => void };

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
  res.setHeader("Content-Security-Policy", mailboxHtml ? MAILBOX_HTML_CSP : contentSecurityPolicy({ nonce, development }));
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

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({ cspNonce: String(res.locals.cspNonce), ip: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  }),
);

const stopBackgroundWork = entry.startBackgroundWork?.();

const server = app.listen(port, () => {
  console.log(`CUS portal ready at http://localhost:${port}`);
  if (process.env.REMIX_DEV_ORIGIN) void broadcastDevReady(build);
});

function shutdown() {
  stopBackgroundWork?.();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

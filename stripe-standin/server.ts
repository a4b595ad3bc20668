import { createHash, createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import qs from "qs";
import { checkoutPage, onboardingPage, type CheckoutChoice } from "./pages";
import { makeObject, nowSeconds, stripeId, type StripeObject } from "./objects";

/*
 * The local Stripe stand-in: a small HTTP server speaking the part of Stripe's API the portal calls, so the portal
 * runs and is tested with no keys and no network, through the real `stripe` SDK pointed at it (see
 * docs/decisions/014-stripe-stand-in.md). It keeps its objects in memory, honours Idempotency-Key as Stripe does,
 * serves a hosted checkout page (BLIK, Przelewy24, test cards) and a Connect onboarding page, and sends signed
 * webhooks to the portal, retrying with backoff until it answers 2xx.
 */

export type StandinOptions = {
  port: number;
  host?: string;
  /** Where events are delivered (the portal's /webhooks/stripe); null keeps them to be read by tests. */
  webhookUrl: string | null;
  webhookSecret: string;
  /** The address browsers reach the stand-in at (its checkout and onboarding pages). */
  publicUrl?: string;
  /** First retry after this many ms, doubling each time (Stripe waits hours; tests and the demo cannot). */
  retryBaseMs?: number;
  maxAttempts?: number;
  log?: (line: string) => void;
};

export type Delivery = { eventId: string; type: string; attempts: number; status: number | null; delivered: boolean };

export type StripeStandin = {
  url: string;
  port: number;
  events: StripeObject[];
  deliveries: Delivery[];
  /** Signs a payload the way Stripe does (the header the portal's constructEvent verifies). */
  sign(payload: string, timestamp?: number): string;
  close(): Promise<void>;
};

type ApiError = { status: number; type: string; message: string; code?: string; param?: string };

/** Parameters as the SDK form-encodes them (nested, untyped until each endpoint reads what it needs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- qs gives nested values of any shape
type Params = Record<string, any>;

class StripeApiError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

const CURRENCY_MINIMUM: Record<string, number> = { pln: 200 };
const BLIK_DECLINED = "000000";
const CARD_DECLINED = "4000000000000002";
const CARD_OK = "4242424242424242";

export async function startStripeStandin(options: StandinOptions): Promise<StripeStandin> {
  const store = new Map<string, StripeObject>();
  const events: StripeObject[] = [];
  const deliveries: Delivery[] = [];
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  const timers = new Set<NodeJS.Timeout>();
  let balance = 0;
  let publicUrl = options.publicUrl ?? "";
  const retryBaseMs = options.retryBaseMs ?? 500;
  const maxAttempts = options.maxAttempts ?? 8;
  const log = options.log ?? (() => {});

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  function sign(payload: string, timestamp = nowSeconds()): string {
    const signature = createHmac("sha256", options.webhookSecret).update(`${timestamp}.${payload}`).digest("hex");
    return `t=${timestamp},v1=${signature}`;
  }

  function save<T extends StripeObject>(object: T): T {
    store.set(object.id, object);
    return object;
  }

  function find(id: string, object: string): StripeObject {
    const found = store.get(id);
    if (!found || found.object !== object) throw new StripeApiError({ status: 404, type: "invalid_request_error", code: "resource_missing", message: `No such ${object.replace(".", " ")}: '${id}'`, param: "id" });
    return found;
  }

  function emit(type: string, object: StripeObject, previous?: Record<string, unknown>) {
    const event = makeObject("event", {
      id: stripeId("evt"),
      api_version: "2026-10-28.endive",
      created: nowSeconds(),
      type,
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      pending_webhooks: options.webhookUrl ? 1 : 0,
      request: { id: null, idempotency_key: null },
    });
    save(event);
    events.push(event);
    if (options.webhookUrl) deliver(event, { eventId: event.id, type, attempts: 0, status: null, delivered: false });
  }

  function deliver(event: StripeObject, delivery: Delivery) {
    if (!deliveries.includes(delivery)) deliveries.push(delivery);
    const payload = JSON.stringify(event, null, 2);
    delivery.attempts += 1;
    fetch(options.webhookUrl!, { method: "POST", headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": sign(payload), "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" }, body: payload })
      .then((response) => {
        delivery.status = response.status;
        if (response.ok) delivery.delivered = true;
        return response.text();
      })
      .catch(() => {
        delivery.status = null;
      })
      .finally(() => {
        if (delivery.delivered) return;
        if (delivery.attempts >= maxAttempts) return log(`stripe stand-in: ${event.type} ${event.id} not delivered after ${delivery.attempts} attempts`);
        later(retryBaseMs * 2 ** (delivery.attempts - 1), () => deliver(event, delivery));
      });
  }

  // ——— Checkout ———

  function createCheckoutSession(p: Params): StripeObject {
    const lineItems = (p.line_items ?? []) as Array<Params>;
    if (p.mode !== "payment") throw new StripeApiError({ status: 400, type: "invalid_request_error", message: "The stand-in serves mode=payment only.", param: "mode" });
    if (!p.success_url) throw new StripeApiError({ status: 400, type: "invalid_request_error", message: "Missing required param: success_url.", param: "success_url" });
    if (lineItems.length === 0) throw new StripeApiError({ status: 400, type: "invalid_request_error", message: "Missing required param: line_items.", param: "line_items" });
    const currency = String(lineItems[0]!.price_data?.currency ?? "").toLowerCase();
    const amount = lineItems.reduce((sum, li) => sum + Number(li.price_data?.unit_amount ?? 0) * Number(li.quantity ?? 1), 0);
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new StripeApiError({ status: 400, type: "invalid_request_error", message: "Invalid integer: unit_amount.", param: "line_items[0][price_data][unit_amount]" });
    if (amount < (CURRENCY_MINIMUM[currency] ?? 50)) throw new StripeApiError({ status: 400, type: "invalid_request_error", code: "amount_too_small", message: `The Checkout Session's total amount due must add up to at least zł2.00 pln`, param: "line_items" });
    const id = stripeId("cs_test");
    const methods = ((p.allowed_payment_method_types ?? p.payment_method_types) as string[] | undefined) ?? ["card"];
    return save(
      makeObject("checkout.session", {
        id,
        amount_subtotal: amount,
        amount_total: amount,
        cancel_url: p.cancel_url ?? null,
        client_reference_id: p.client_reference_id ?? null,
        created: nowSeconds(),
        currency,
        customer_email: p.customer_email ?? null,
        expires_at: p.expires_at ? Number(p.expires_at) : nowSeconds() + 24 * 3600,
        locale: p.locale ?? null,
        metadata: p.metadata ?? {},
        mode: "payment",
        payment_intent: null,
        payment_method_types: methods,
        payment_status: "unpaid",
        status: "open",
        success_url: p.success_url,
        url: `${publicUrl}/c/pay/${id}`,
        // Kept for the checkout page (Stripe shows the line items too).
        _line_items: lineItems.map((li) => ({ name: String(li.price_data?.product_data?.name ?? ""), amount: Number(li.price_data?.unit_amount ?? 0) * Number(li.quantity ?? 1) })),
        payment_intent_data: p.payment_intent_data ?? null,
      }),
    );
  }

  function expireSession(session: StripeObject) {
    if (session.status !== "open") throw new StripeApiError({ status: 400, type: "invalid_request_error", message: `Only Checkout Sessions with a status in [open] can be expired. This Checkout Session has a status of ${String(session.status)}.` });
    session.status = "expired";
    session.url = null;
    emit("checkout.session.expired", session);
  }

  function pay(session: StripeObject, choice: CheckoutChoice): { ok: true } | { ok: false; message: string } {
    if (session.status !== "open") return { ok: false, message: "expired" };
    if (choice.method === "card") {
      const number = choice.cardNumber.replace(/\s+/g, "");
      if (number === CARD_DECLINED) return failAttempt(session, "card", "card_declined", "Your card was declined.");
      if (number !== CARD_OK) return { ok: false, message: "card_number" };
      if (!/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/.test(choice.cardExpiry)) return { ok: false, message: "card_expiry" };
      if (!/^\d{3,4}$/.test(choice.cardCvc)) return { ok: false, message: "card_cvc" };
    }
    if (choice.method === "blik") {
      if (!/^\d{6}$/.test(choice.blikCode)) return { ok: false, message: "blik_code" };
      if (choice.blikCode === BLIK_DECLINED) return failAttempt(session, "blik", "payment_method_provider_decline", "The BLIK code was rejected.");
    }
    if (choice.method === "p24" && !choice.bank) return { ok: false, message: "p24_bank" };
    const amount = Number(session.amount_total);
    const intent = save(
      makeObject("payment_intent", {
        id: stripeId("pi"),
        amount,
        amount_received: amount,
        capture_method: "automatic",
        confirmation_method: "automatic",
        created: nowSeconds(),
        currency: session.currency,
        metadata: (session.payment_intent_data as { metadata?: unknown } | null)?.metadata ?? session.metadata,
        payment_method_types: [choice.method],
        status: "succeeded",
      }),
    );
    const charge = save(
      makeObject("charge", {
        id: stripeId("ch"),
        amount,
        amount_captured: amount,
        amount_refunded: 0,
        balance_transaction: null,
        captured: true,
        created: nowSeconds(),
        currency: session.currency,
        metadata: intent.metadata,
        paid: true,
        payment_intent: intent.id,
        payment_method_details: { type: choice.method },
        refunded: false,
        status: "succeeded",
      }),
    );
    const txn = save(makeObject("balance_transaction", { id: stripeId("txn"), amount, net: amount, fee: 0, currency: session.currency, created: nowSeconds(), type: "charge", source: charge.id, status: "available", reporting_category: "charge" }));
    charge.balance_transaction = txn.id;
    intent.latest_charge = charge.id;
    balance += amount;
    session.status = "complete";
    session.payment_intent = intent.id;
    session.url = null;
    // Przelewy24's "pending" test bank confirms later, as a bank transfer would.
    if (choice.method === "p24" && choice.bank === "pending") {
      session.payment_status = "unpaid";
      emit("checkout.session.completed", session);
      later(1500, () => {
        session.payment_status = "paid";
        emit("checkout.session.async_payment_succeeded", session);
      });
    } else {
      session.payment_status = "paid";
      emit("payment_intent.succeeded", intent);
      emit("checkout.session.completed", session);
    }
    return { ok: true };
  }

  function failAttempt(session: StripeObject, method: string, code: string, reason: string): { ok: false; message: string } {
    log(`stripe stand-in: ${method} declined for ${session.id} (${code}: ${reason})`);
    return { ok: false, message: code === "card_declined" ? "card_declined" : "blik_declined" };
  }

  // ——— Refunds ———

  function createRefund(p: Params): StripeObject {
    const intentId = p.payment_intent ?? (p.charge ? (find(String(p.charge), "charge").payment_intent as string) : null);
    if (!intentId) throw new StripeApiError({ status: 400, type: "invalid_request_error", message: "One of `charge` or `payment_intent` is required.", param: "payment_intent" });
    const intent = find(String(intentId), "payment_intent");
    const charge = find(String(intent.latest_charge), "charge");
    const refundable = Number(charge.amount) - Number(charge.amount_refunded);
    const amount = p.amount === undefined ? refundable : Number(p.amount);
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new StripeApiError({ status: 400, type: "invalid_request_error", message: "Invalid positive integer", param: "amount" });
    if (amount > refundable) throw new StripeApiError({ status: 400, type: "invalid_request_error", code: "charge_already_refunded", message: `Refund amount (zł${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge (zł${(refundable / 100).toFixed(2)})`, param: "amount" });
    charge.amount_refunded = Number(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    balance -= amount;
    const refund = save(makeObject("refund", { id: stripeId("re"), amount, charge: charge.id, created: nowSeconds(), currency: charge.currency, metadata: p.metadata ?? {}, payment_intent: intent.id, reason: p.reason ?? null, status: "pending" }));
    emit("refund.created", refund);
    // BLIK and Przelewy24 refunds are asynchronous: pending first, then succeeded.
    later(300, () => {
      refund.status = "succeeded";
      emit("refund.updated", refund, { status: "pending" });
      emit("charge.refunded", charge);
    });
    return refund;
  }

  // ——— Connect (accounts, links, transfers), balance, payouts ———

  function createAccount(p: Params): StripeObject {
    const account = save(
      makeObject("account", {
        id: stripeId("acct"),
        business_type: p.business_type ?? null,
        capabilities: { transfers: "inactive" },
        charges_enabled: false,
        country: p.country ?? "PL",
        created: nowSeconds(),
        default_currency: "pln",
        details_submitted: false,
        email: p.email ?? null,
        metadata: p.metadata ?? {},
        payouts_enabled: false,
        type: p.type ?? "express",
      }),
    );
    return account;
  }

  function createAccountLink(p: Params): StripeObject {
    const account = find(String(p.account ?? ""), "account");
    if (!p.return_url || !p.refresh_url) throw new StripeApiError({ status: 400, type: "invalid_request_error", message: "Missing required param: return_url.", param: "return_url" });
    const token = stripeId("link");
    save(makeObject("account_link", { id: token, account: account.id, return_url: p.return_url, refresh_url: p.refresh_url }) as StripeObject);
    return makeObject("account_link", { id: token, created: nowSeconds(), expires_at: nowSeconds() + 300, url: `${publicUrl}/connect/onboard/${token}` });
  }

  function completeOnboarding(account: StripeObject) {
    const previous = { details_submitted: account.details_submitted, payouts_enabled: account.payouts_enabled };
    account.details_submitted = true;
    account.payouts_enabled = true;
    account.charges_enabled = true;
    account.capabilities = { transfers: "active" };
    emit("account.updated", account, previous);
  }

  function createTransfer(p: Params): StripeObject {
    const amount = Number(p.amount);
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new StripeApiError({ status: 400, type: "invalid_request_error", message: "Invalid positive integer", param: "amount" });
    const destination = find(String(p.destination ?? ""), "account");
    if (destination.payouts_enabled !== true) throw new StripeApiError({ status: 400, type: "invalid_request_error", code: "account_invalid", message: "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments", param: "destination" });
    if (amount > balance) throw new StripeApiError({ status: 400, type: "invalid_request_error", code: "balance_insufficient", message: "You have insufficient available funds in your Stripe account." });
    balance -= amount;
    const transfer = save(makeObject("transfer", { id: stripeId("tr"), amount, amount_reversed: 0, created: nowSeconds(), currency: p.currency ?? "pln", description: p.description ?? null, destination: destination.id, metadata: p.metadata ?? {}, reversals: { object: "list", data: [], has_more: false, total_count: 0, url: "" }, reversed: false, transfer_group: p.transfer_group ?? null }));
    save(makeObject("balance_transaction", { id: stripeId("txn"), amount: -amount, net: -amount, fee: 0, currency: "pln", created: nowSeconds(), type: "transfer", source: transfer.id, status: "available", reporting_category: "transfer" }));
    emit("transfer.created", transfer);
    return transfer;
  }

  /** A top-up from the platform's bank account (how a centre funds transfers to providers); available at once here. */
  function createTopup(p: Params): StripeObject {
    const amount = Number(p.amount);
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new StripeApiError({ status: 400, type: "invalid_request_error", message: "Invalid positive integer", param: "amount" });
    balance += amount;
    // shared/stripe has no published sample of a top-up: the fields are those of Stripe's Top-up object reference.
    const topup = save({ object: "topup", livemode: false, id: stripeId("tu"), amount, created: nowSeconds(), currency: p.currency ?? "pln", description: p.description ?? null, metadata: p.metadata ?? {}, status: "succeeded", statement_descriptor: p.statement_descriptor ?? null, expected_availability_date: nowSeconds(), failure_code: null, failure_message: null, transfer_group: null, balance_transaction: null, source: null });
    save(makeObject("balance_transaction", { id: stripeId("txn"), amount, net: amount, fee: 0, currency: "pln", created: nowSeconds(), type: "topup", source: topup.id, status: "available", reporting_category: "topup" }));
    emit("topup.succeeded", topup);
    return topup;
  }

  function createPayout(p: Params): StripeObject {
    const amount = Number(p.amount);
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > balance) throw new StripeApiError({ status: 400, type: "invalid_request_error", code: "balance_insufficient", message: "You have insufficient funds in your Stripe account for this payout.", param: "amount" });
    balance -= amount;
    const payout = save(makeObject("payout", { id: stripeId("po"), amount, arrival_date: nowSeconds() + 86_400, created: nowSeconds(), currency: "pln", metadata: p.metadata ?? {}, method: "standard", status: "pending", type: "bank_account" }));
    emit("payout.created", payout);
    return payout;
  }

  function list(object: string, filter: (o: StripeObject) => boolean = () => true, limit = 10) {
    const all = [...store.values()].filter((o) => o.object === object && !String(o.id).startsWith("link_") && filter(o)).reverse();
    return { object: "list", data: all.slice(0, Math.min(100, limit)), has_more: all.length > limit, url: `/v1/${object}s` };
  }

  // ——— HTTP ———

  function route(method: string, path: string, params: Params): unknown {
    const parts = path.split("/").filter(Boolean); // ["v1", ...]
    const [, a, b, c] = parts;
    if (a === "checkout" && b === "sessions" && !c && method === "POST") return createCheckoutSession(params);
    if (a === "checkout" && b === "sessions" && c) {
      if (method === "GET" && parts.length === 4) return find(c, "checkout.session");
      if (method === "POST" && parts[4] === "expire") {
        const s = find(c, "checkout.session");
        expireSession(s);
        return s;
      }
    }
    if (a === "payment_intents" && b && method === "GET") return find(b, "payment_intent");
    if (a === "charges" && b && method === "GET") return find(b, "charge");
    if (a === "refunds" && !b && method === "POST") return createRefund(params);
    if (a === "refunds" && b && method === "GET") return find(b, "refund");
    if (a === "refunds" && !b && method === "GET") return list("refund", (r) => !params.payment_intent || r.payment_intent === params.payment_intent, Number(params.limit ?? 10));
    if (a === "events" && b && method === "GET") return find(b, "event");
    if (a === "events" && !b && method === "GET") return list("event", (e) => !params.type || e.type === params.type, Number(params.limit ?? 10));
    if (a === "accounts" && !b && method === "POST") return createAccount(params);
    if (a === "accounts" && b && method === "GET") return find(b, "account");
    if (a === "account_links" && method === "POST") return createAccountLink(params);
    if (a === "transfers" && !b && method === "POST") return createTransfer(params);
    if (a === "transfers" && b && method === "GET") return find(b, "transfer");
    if (a === "transfers" && !b && method === "GET") return list("transfer", (t) => !params.transfer_group || t.transfer_group === params.transfer_group, Number(params.limit ?? 10));
    if (a === "topups" && !b && method === "POST") return createTopup(params);
    if (a === "balance" && method === "GET") return { object: "balance", livemode: false, available: [{ amount: balance, currency: "pln", source_types: { card: balance } }], pending: [{ amount: 0, currency: "pln", source_types: { card: 0 } }], connect_reserved: [], instant_available: [] };
    if (a === "payouts" && !b && method === "POST") return createPayout(params);
    if (a === "payouts" && b && method === "GET") return find(b, "payout");
    if (a === "payouts" && !b && method === "GET") return list("payout", () => true, Number(params.limit ?? 10));
    if (a === "balance_transactions" && !b && method === "GET") return list("balance_transaction", (t) => !params.type || t.type === params.type, Number(params.limit ?? 10));
    if (a === "balance_transactions" && b && method === "GET") return find(b, "balance_transaction");
    throw new StripeApiError({ status: 404, type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}). The local Stripe stand-in serves only what the portal calls.` });
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1024 * 1024) throw new StripeApiError({ status: 413, type: "invalid_request_error", message: "Request too large." });
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
    res.writeHead(status, { "Content-Type": "application/json", "Request-Id": stripeId("req"), ...headers });
    res.end(body);
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const auth = req.headers.authorization ?? "";
    if (!/^Bearer sk_(test|live)_\S+$/.test(auth)) {
      return send(res, 401, JSON.stringify({ error: { type: "invalid_request_error", message: "You did not provide an API key." } }));
    }
    const method = req.method ?? "GET";
    const raw = await readBody(req);
    const params = method === "GET" ? qs.parse(url.search.slice(1)) : qs.parse(raw);
    const key = method === "POST" ? req.headers["idempotency-key"] : undefined;
    if (typeof key === "string" && key) {
      const fingerprint = createHash("sha256").update(`${method} ${url.pathname} ${raw}`).digest("hex");
      const seen = idempotency.get(key);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          return send(res, 400, JSON.stringify({ error: { type: "idempotency_error", message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` } }));
        }
        return send(res, seen.status, seen.body, { "Idempotent-Replayed": "true", "Idempotency-Key": key });
      }
      const answer = answerOf(method, url.pathname, params as Params);
      idempotency.set(key, { fingerprint, ...answer });
      return send(res, answer.status, answer.body, { "Idempotency-Key": key });
    }
    const answer = answerOf(method, url.pathname, params as Params);
    return send(res, answer.status, answer.body);
  }

  function answerOf(method: string, path: string, params: Params): { status: number; body: string } {
    try {
      const object = route(method, path, params) as Record<string, unknown>;
      const { _line_items: _omit, ...visible } = object;
      return { status: 200, body: JSON.stringify(visible) };
    } catch (error) {
      if (error instanceof StripeApiError) {
        const { status, ...rest } = error.error;
        return { status, body: JSON.stringify({ error: rest }) };
      }
      throw error;
    }
  }

  async function pages(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const html = (status: number, body: string) => {
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": "default-src 'self'; style-src 'unsafe-inline'; form-action 'self' http: https:" });
      res.end(body);
    };
    const redirect = (location: string) => {
      res.writeHead(303, { Location: location, "Cache-Control": "no-store" });
      res.end();
    };
    const checkout = /^\/c\/pay\/(cs_test_[A-Za-z0-9]+)$/.exec(url.pathname);
    if (checkout) {
      const session = store.get(checkout[1]!);
      if (!session || session.object !== "checkout.session") return html(404, checkoutPage({ session: null, error: null, values: {} }));
      if (req.method === "POST") {
        const form = qs.parse(await readBody(req)) as Record<string, string>;
        if (form.action === "cancel") return redirect(String(session.cancel_url ?? "/"));
        const choice: CheckoutChoice = { method: form.method === "blik" || form.method === "p24" ? form.method : "card", blikCode: form.blikCode ?? "", bank: form.bank ?? "", cardNumber: form.cardNumber ?? "", cardExpiry: form.cardExpiry ?? "", cardCvc: form.cardCvc ?? "" };
        const outcome = pay(session, choice);
        if (outcome.ok) return redirect(String(session.success_url).replace("{CHECKOUT_SESSION_ID}", session.id));
        return html(outcome.message === "expired" ? 410 : 402, checkoutPage({ session, error: outcome.message, values: choice }));
      }
      return html(session.status === "open" ? 200 : 410, checkoutPage({ session, error: session.status === "open" ? null : "expired", values: {} }));
    }
    const onboarding = /^\/connect\/onboard\/(link_[A-Za-z0-9]+)$/.exec(url.pathname);
    if (onboarding) {
      const link = store.get(onboarding[1]!);
      if (!link) return html(404, onboardingPage({ account: null }));
      const account = find(String(link.account), "account");
      if (req.method === "POST") {
        completeOnboarding(account);
        store.delete(link.id);
        return redirect(String(link.return_url));
      }
      return html(200, onboardingPage({ account }));
    }
    html(404, checkoutPage({ session: null, error: null, values: {} }));
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const handler = url.pathname.startsWith("/v1/") ? api : pages;
    handler(req, res, url).catch((error: unknown) => {
      log(`stripe stand-in: ${String(error)}`);
      if (!res.headersSent) send(res, error instanceof StripeApiError ? error.error.status : 500, JSON.stringify({ error: { type: "api_error", message: String((error as Error).message ?? error) } }));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (!publicUrl) publicUrl = `http://localhost:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    events,
    deliveries,
    sign,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

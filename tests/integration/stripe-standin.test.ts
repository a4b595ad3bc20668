import { stripe } from "~/modules/stripe/client.server";
import { setupStripeStandin } from "../fixtures/stripe";

const stripe$ = setupStripeStandin();

describe("the local Stripe stand-in, through the real SDK", () => {
  it("honours Idempotency-Key as Stripe does: same key and parameters, same object; other parameters, an error", async () => {
    const params = { mode: "payment" as const, line_items: [{ quantity: 1, price_data: { currency: "pln", unit_amount: 2_400, product_data: { name: "Odpłatność" } } }], success_url: "http://localhost/ok", cancel_url: "http://localhost/no" };
    const a = await stripe().checkout.sessions.create(params, { idempotencyKey: "checkout:test:1" });
    const b = await stripe().checkout.sessions.create(params, { idempotencyKey: "checkout:test:1" });
    expect(b.id).toBe(a.id);
    await expect(stripe().checkout.sessions.create({ ...params, success_url: "http://localhost/other" }, { idempotencyKey: "checkout:test:1" })).rejects.toMatchObject({ type: "StripeIdempotencyError" });
    // Shaped like Stripe's own: fields the portal does not use are there, null where Stripe sends null.
    expect(a).toMatchObject({ object: "checkout.session", status: "open", payment_status: "unpaid", amount_total: 2_400, currency: "pln", customer: null });
    expect(a.url).toMatch(/\/c\/pay\/cs_test_/);
  });

  it("refuses an amount under Stripe's PLN minimum of 2.00 zł, and unknown ids as Stripe does", async () => {
    await expect(
      stripe().checkout.sessions.create({ mode: "payment", line_items: [{ quantity: 1, price_data: { currency: "pln", unit_amount: 150, product_data: { name: "x" } } }], success_url: "http://localhost/ok" }),
    ).rejects.toMatchObject({ code: "amount_too_small" });
    await expect(stripe().checkout.sessions.retrieve("cs_test_missing")).rejects.toMatchObject({ code: "resource_missing", statusCode: 404 });
  });

  it("serves Connect for settlements: an account, its onboarding link, a transfer once per key, the balance", async () => {
    const account = await stripe().accounts.create({ type: "express", country: "PL", email: "biuro@fundacja.example" });
    const link = await stripe().accountLinks.create({ account: account.id, type: "account_onboarding", return_url: "http://localhost/back", refresh_url: "http://localhost/again" });
    const onboarded = await fetch(link.url, { method: "POST", redirect: "manual" });
    expect(onboarded.headers.get("location")).toBe("http://localhost/back");
    expect((await stripe().accounts.retrieve(account.id)).payouts_enabled).toBe(true);
    await expect(stripe().transfers.create({ amount: 100, currency: "pln", destination: account.id })).rejects.toMatchObject({ code: "balance_insufficient" });
    const balance = await stripe().balance.retrieve();
    expect(balance.available[0]).toMatchObject({ currency: "pln" });
    expect(stripe$.standin.events.some((e) => e.type === "account.updated")).toBe(true);
  });

  it("sends signed webhooks and retries with backoff until the endpoint answers 2xx", async () => {
    const { startStripeStandin } = await import("../../stripe-standin/server");
    const http = await import("node:http");
    let calls = 0;
    const signatures: string[] = [];
    const receiver = http.createServer((req, res) => {
      calls += 1;
      signatures.push(String(req.headers["stripe-signature"]));
      res.writeHead(calls < 3 ? 500 : 200).end();
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
    const port = (receiver.address() as { port: number }).port;
    const sender = await startStripeStandin({ port: 0, webhookUrl: `http://127.0.0.1:${port}/webhooks/stripe`, webhookSecret: "whsec_test", retryBaseMs: 20 });
    process.env.STRIPE_STANDIN_URL = sender.url;
    await stripe().accounts.create({ type: "express" }).then((a) => stripe().accountLinks.create({ account: a.id, type: "account_onboarding", return_url: "http://x/", refresh_url: "http://x/" })).then((l) => fetch(l.url, { method: "POST", redirect: "manual" }));
    await new Promise((r) => setTimeout(r, 400));
    expect(sender.deliveries.map((d) => [d.type, d.attempts, d.delivered])).toEqual([["account.updated", 3, true]]);
    expect(signatures.every((s) => /^t=\d+,v1=[0-9a-f]{64}$/.test(s))).toBe(true);
    await sender.close();
    receiver.close();
    process.env.STRIPE_STANDIN_URL = stripe$.standin.url;
  });
});

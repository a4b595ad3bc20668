import { eq } from "drizzle-orm";
import { devMailbox, outbox } from "@db/schema";
import { devMailboxSender, type EmailSender, type OutgoingEmail } from "~/modules/notifications/email-sender.server";
import { enqueue, enqueueEmail, retryDelayMs } from "~/modules/notifications/outbox.server";
import { outboxHandlers } from "~/background.server";
import { processOutbox } from "~/modules/notifications/worker.server";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

const resetEmail = (to: string) =>
  ({
    to,
    template: "password-reset",
    props: { locale: "pl", centreName: "MCUS Borków", email: to, resetUrl: "http://localhost/reset-password/x", validMinutes: 60 },
  }) as const;

describe("outbox", () => {
  it("sends a message whose first send fails on the retry, exactly once", async () => {
    const id = await enqueueEmail(t.db, resetEmail("retry@example.test"));
    const attempts: OutgoingEmail[] = [];
    const mailbox = devMailboxSender(t.db);
    let failNext = true;
    const flaky: EmailSender = {
      name: "flaky",
      async send(email) {
        attempts.push(email);
        if (failNext) {
          failNext = false;
          throw new Error("provider timeout");
        }
        await mailbox.send(email);
      },
    };
    const start = new Date(Date.now() + 1000);

    expect(await processOutbox(outboxHandlers({ emailSender: flaky }), { db: t.db, now: start })).toBe(0);
    let [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row!.status).toBe("pending");
    expect(row!.lastError).toContain("provider timeout");

    // Not due again before the backoff has passed.
    expect(await processOutbox(outboxHandlers({ emailSender: flaky }), { db: t.db, now: new Date(start.getTime() + 1000) })).toBe(0);
    expect(attempts).toHaveLength(1);

    const later = new Date(start.getTime() + retryDelayMs(1) + 1000);
    expect(await processOutbox(outboxHandlers({ emailSender: flaky }), { db: t.db, now: later })).toBe(1);
    expect(await processOutbox(outboxHandlers({ emailSender: flaky }), { db: t.db, now: new Date(later.getTime() + 3600_000) })).toBe(0);

    [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row!.status).toBe("sent");
    expect(row!.attempts).toBe(2);
    expect(attempts).toHaveLength(2);
    // The outbox id is the idempotency key on every attempt.
    expect(attempts.map((a) => a.idempotencyKey)).toEqual([id, id]);
    const stored = await t.db.select().from(devMailbox).where(eq(devMailbox.outboxId, id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.subject).toBe("Ustaw nowe hasło do portalu CUS");
    expect(stored[0]!.text).toContain("http://localhost/reset-password/x");
  });

  it("stores a message once even when the same outbox id is delivered twice", async () => {
    const mailbox = devMailboxSender(t.db);
    const email = { to: "twice@example.test", subject: "S", html: "<p>x</p>", text: "x", idempotencyKey: crypto.randomUUID() };
    await mailbox.send(email);
    await mailbox.send(email);
    const rows = await t.db.select().from(devMailbox).where(eq(devMailbox.outboxId, email.idempotencyKey));
    expect(rows).toHaveLength(1);
  });

  it("gives up after the last attempt and keeps the error", async () => {
    const id = await enqueueEmail(t.db, resetEmail("dead@example.test"));
    const broken: EmailSender = { name: "broken", send: async () => Promise.reject(new Error("address rejected")) };
    let now = Date.now();
    for (let i = 0; i < 10; i += 1) {
      await processOutbox(outboxHandlers({ emailSender: broken }), { db: t.db, now: new Date(now) });
      now += 2 * 3600_000;
    }
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row!.status).toBe("dead");
    expect(row!.attempts).toBe(8);
    expect(row!.lastError).toContain("address rejected");
  });

  it("the same thing queued twice is one message: its key says what it is about", async () => {
    const first = await enqueue(t.db, "test-kind", { n: 1 }, { key: "test-kind:thing-1" });
    const second = await enqueue(t.db, "test-kind", { n: 2 }, { key: "test-kind:thing-1" });
    expect(second).toBe(first);
    const rows = await t.db.select().from(outbox).where(eq(outbox.key, "test-kind:thing-1"));
    expect(rows.map((r) => r.payload)).toEqual([{ n: 1 }]);
  });

  it("each kind goes to its own handler; a kind nobody handles waits untouched", async () => {
    const seen: string[] = [];
    const id = await enqueue(t.db, "only-here", { hello: "world" });
    const waiting = await enqueue(t.db, "handled-elsewhere", {});
    expect(await processOutbox({ "only-here": async (m) => void seen.push(m.id) }, { db: t.db, now: new Date(Date.now() + 1000) })).toBe(1);
    expect(seen).toEqual([id]);
    const [untouched] = await t.db.select().from(outbox).where(eq(outbox.id, waiting));
    expect(untouched).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("does not send a message whose transaction rolled back", async () => {
    await t.db
      .transaction(async (tx) => {
        await enqueueEmail(tx, resetEmail("rolledback@example.test"));
        tx.rollback();
      })
      .catch(() => {});
    const rows = await t.db.select().from(outbox);
    expect(rows.some((r) => (r.payload as { to: string }).to === "rolledback@example.test")).toBe(false);
  });
});

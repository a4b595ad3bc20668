import { eq } from "drizzle-orm";
import { devMailbox, outbox } from "@db/schema";
import { devMailboxSender, type EmailSender, type OutgoingEmail } from "~/modules/notifications/email-sender.server";
import { enqueueEmail, retryDelayMs } from "~/modules/notifications/outbox.server";
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

    expect(await processOutbox({ db: t.db, sender: flaky, now: start })).toBe(0);
    let [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row!.status).toBe("pending");
    expect(row!.lastError).toContain("provider timeout");

    // Not due again before the backoff has passed.
    expect(await processOutbox({ db: t.db, sender: flaky, now: new Date(start.getTime() + 1000) })).toBe(0);
    expect(attempts).toHaveLength(1);

    const later = new Date(start.getTime() + retryDelayMs(1) + 1000);
    expect(await processOutbox({ db: t.db, sender: flaky, now: later })).toBe(1);
    expect(await processOutbox({ db: t.db, sender: flaky, now: new Date(later.getTime() + 3600_000) })).toBe(0);

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
      await processOutbox({ db: t.db, sender: broken, now: new Date(now) });
      now += 2 * 3600_000;
    }
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row!.status).toBe("dead");
    expect(row!.attempts).toBe(8);
    expect(row!.lastError).toContain("address rejected");
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

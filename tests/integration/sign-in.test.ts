import { and, eq } from "drizzle-orm";
import { auditLog } from "@db/schema";
import { commitSessionCookie, getSessionContext } from "~/modules/identity/session.server";
import { ACCOUNT_BACKOFF_MS, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ACCOUNT_AND_IP, signIn, signOut } from "~/modules/identity/sign-in.server";
import { makeCentre, makeUser, requestWithCookie, TEST_PASSWORD } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

async function cookieFor(token: string) {
  return (await commitSessionCookie(token)).split(";")[0]!;
}

describe("sign-in", () => {
  it("signs in with the right password, starting in the user's membership, and audits it", async () => {
    const centre = await makeCentre(t.db);
    const user = await makeUser(t.db, { role: "coordinator", cusId: centre.id });
    const result = await signIn({ email: ` ${user.email.toUpperCase()} `, password: TEST_PASSWORD, ip: "10.0.0.1", userAgent: "vitest" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await getSessionContext(requestWithCookie("/", await cookieFor(result.token)));
    expect(session?.user.id).toBe(user.id);
    expect(session?.membership?.role).toBe("coordinator");
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.actorUserId, user.id), eq(auditLog.action, "auth.sign_in")));
    expect(audit).toHaveLength(1);
  });

  it("refuses a wrong password and an unknown account alike, and audits the failure", async () => {
    const user = await makeUser(t.db);
    expect(await signIn({ email: user.email, password: "wrong", ip: "10.0.0.2", userAgent: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn({ email: "nobody@example.test", password: "wrong", ip: "10.0.0.2", userAgent: null })).toEqual({ ok: false, reason: "invalid" });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.actorUserId, user.id), eq(auditLog.action, "auth.sign_in_failed")));
    expect(audit).toHaveLength(1);
  });

  it("refuses the sixth rapid attempt, even with the right password, but not from another address", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i += 1) {
      const r = await signIn({ email: user.email, password: `wrong-${i}`, ip: "10.0.0.3", userAgent: null, now });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const sixth = await signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.0.0.3", userAgent: null, now });
    expect(sixth).toMatchObject({ ok: false, reason: "rate_limited" });
    const elsewhere = await signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.9.9.9", userAgent: null, now });
    expect(elsewhere.ok).toBe(true);
    const refused = await t.db.select().from(auditLog).where(and(eq(auditLog.actorUserId, user.id), eq(auditLog.action, "auth.sign_in_refused")));
    expect(refused).toHaveLength(1);
  });

  it("a stranger's failures from other addresses do not lock the person out: home gets in, a new address waits half a minute", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    await signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.1.0.1", userAgent: null, now: new Date(now.getTime() - 86_400_000) });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT + 5; i += 1) {
      await signIn({ email: user.email, password: `guess-${i}`, ip: `10.2.0.${i % 10}`, userAgent: null, now: new Date(now.getTime() + i) });
    }
    const later = (ms: number) => new Date(now.getTime() + ms);
    expect((await signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.1.0.1", userAgent: null, now: later(1000) })).ok).toBe(true);
    expect(await signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.3.0.1", userAgent: null, now: later(1000) })).toEqual({ ok: false, reason: "rate_limited", retryAfterMinutes: 1 });
    expect((await signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.3.0.1", userAgent: null, now: later(ACCOUNT_BACKOFF_MS + 1000) })).ok).toBe(true);
  });

  it("lets the account in again once the window has passed", async () => {
    const user = await makeUser(t.db);
    const then = new Date(Date.now() - 20 * 60_000);
    for (let i = 0; i < 6; i += 1) await signIn({ email: user.email, password: "wrong", ip: "10.0.0.4", userAgent: null, now: then });
    const result = await signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.0.0.4", userAgent: null });
    expect(result.ok).toBe(true);
  });

  it("ends the session on sign-out: the old cookie no longer works", async () => {
    const user = await makeUser(t.db);
    const result = await signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.0.0.5", userAgent: null });
    if (!result.ok) throw new Error("sign-in failed");
    const request = requestWithCookie("/", await cookieFor(result.token));
    const session = await getSessionContext(request);
    expect(session).not.toBeNull();
    await signOut(session!, "10.0.0.5");
    expect(await getSessionContext(request)).toBeNull();
  });

  it("does not accept a forged or tampered cookie", async () => {
    const forged = requestWithCookie("/", "cus_session=eyJmb3JnZWQiOnRydWV9.bad");
    expect(await getSessionContext(forged)).toBeNull();
  });
});

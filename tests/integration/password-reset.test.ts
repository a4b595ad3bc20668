import { eq } from "drizzle-orm";
import { outbox, passwordResetTokens } from "@db/schema";
import { isResetTokenUsable, MAX_RESET_REQUESTS_PER_EMAIL, MAX_RESET_REQUESTS_PER_IP, requestPasswordReset, resetPassword } from "~/modules/identity/password-reset.server";
import { commitSessionCookie, getSessionContext } from "~/modules/identity/session.server";
import { signIn } from "~/modules/identity/sign-in.server";
import { makeCentre, makeUser, requestWithCookie, TEST_PASSWORD } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

async function resetLinkFor(email: string): Promise<string> {
  const rows = await t.db.select().from(outbox);
  const message = rows.reverse().find((r) => (r.payload as { to: string }).to === email);
  const url = (message!.payload as { props: { resetUrl: string } }).props.resetUrl;
  return url.split("/reset-password/")[1]!;
}

describe("password reset", () => {
  it("emails a link that sets the password once and ends open sessions", async () => {
    const centre = await makeCentre(t.db, "MCUS Testowo");
    const user = await makeUser(t.db, { role: "finance", cusId: centre.id });
    const before = await signIn({ email: user.email, password: TEST_PASSWORD, ip: "1.1.1.1", userAgent: null });
    if (!before.ok) throw new Error("sign-in failed");
    const oldSession = requestWithCookie("/", (await commitSessionCookie(before.token)).split(";")[0]!);

    await requestPasswordReset({ email: user.email, baseUrl: "http://localhost:3000", ip: "1.1.1.1" });
    const token = await resetLinkFor(user.email);
    const [message] = (await t.db.select().from(outbox)).filter((r) => (r.payload as { to: string }).to === user.email);
    expect((message!.payload as { props: { centreName: string } }).props.centreName).toBe("MCUS Testowo");
    // The database keeps only the token's hash.
    expect(await t.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.id, token))).toHaveLength(0);

    expect(await isResetTokenUsable(token)).toBe(true);
    expect(await resetPassword({ token, password: "a brand new secret", ip: "1.1.1.1" })).toEqual({ ok: true });
    expect(await resetPassword({ token, password: "another new secret", ip: "1.1.1.1" })).toEqual({ ok: false, reason: "invalid_link" });
    expect(await isResetTokenUsable(token)).toBe(false);

    expect(await getSessionContext(oldSession)).toBeNull();
    expect((await signIn({ email: user.email, password: TEST_PASSWORD, ip: "1.1.1.2", userAgent: null })).ok).toBe(false);
    expect((await signIn({ email: user.email, password: "a brand new secret", ip: "1.1.1.2", userAgent: null })).ok).toBe(true);
  });

  it("refuses an expired link and a too-short password", async () => {
    const user = await makeUser(t.db);
    const longAgo = new Date(Date.now() - 2 * 3600_000);
    await requestPasswordReset({ email: user.email, baseUrl: "http://x", ip: "1.1.1.1", now: longAgo });
    const token = await resetLinkFor(user.email);
    expect(await resetPassword({ token, password: "short", ip: "1.1.1.1" })).toEqual({ ok: false, reason: "too_short" });
    expect(await resetPassword({ token, password: "long enough password", ip: "1.1.1.1" })).toEqual({ ok: false, reason: "invalid_link" });
  });

  it("sends nothing for an unknown address, without telling the visitor", async () => {
    const countBefore = (await t.db.select().from(outbox)).length;
    await expect(requestPasswordReset({ email: "ghost@example.test", baseUrl: "http://x", ip: "1.1.1.1" })).resolves.toEqual({ ok: true });
    expect((await t.db.select().from(outbox)).length).toBe(countBefore);
  });

  it("using one link makes every other outstanding link of the account stop working", async () => {
    const user = await makeUser(t.db);
    await requestPasswordReset({ email: user.email, baseUrl: "http://x", ip: "1.2.0.1" });
    const first = await resetLinkFor(user.email);
    await requestPasswordReset({ email: user.email, baseUrl: "http://x", ip: "1.2.0.1" });
    const second = await resetLinkFor(user.email);
    expect(second).not.toBe(first);
    expect(await resetPassword({ token: second, password: "the newest secret", ip: "1.2.0.1" })).toEqual({ ok: true });
    expect(await isResetTokenUsable(first)).toBe(false);
    expect(await resetPassword({ token: first, password: "an older secret", ip: "1.2.0.1" })).toEqual({ ok: false, reason: "invalid_link" });
    expect((await signIn({ email: user.email, password: "the newest secret", ip: "1.2.0.2", userAgent: null })).ok).toBe(true);
  });

  it("is throttled: 15 requests for one address send at most 3 emails; one address asking for many accounts is slowed", async () => {
    const user = await makeUser(t.db);
    const emailsTo = async (to: string) => (await t.db.select().from(outbox)).filter((r) => (r.payload as { to: string }).to === to).length;
    const answers = [];
    for (let i = 0; i < 15; i += 1) answers.push(await requestPasswordReset({ email: user.email, baseUrl: "http://x", ip: `1.3.0.${i}` }));
    expect(await emailsTo(user.email)).toBe(MAX_RESET_REQUESTS_PER_EMAIL);
    expect(answers.filter((a) => !a.ok)).toHaveLength(15 - MAX_RESET_REQUESTS_PER_EMAIL);
    expect(answers.at(-1)).toMatchObject({ ok: false, reason: "rate_limited" });

    const people = await Promise.all(Array.from({ length: MAX_RESET_REQUESTS_PER_IP + 2 }, () => makeUser(t.db)));
    const fromOneAddress = [];
    for (const person of people) fromOneAddress.push(await requestPasswordReset({ email: person.email, baseUrl: "http://x", ip: "1.4.0.1" }));
    expect(fromOneAddress.filter((a) => a.ok)).toHaveLength(MAX_RESET_REQUESTS_PER_IP);
    // Another address is not affected.
    expect(await requestPasswordReset({ email: people[0]!.email, baseUrl: "http://x", ip: "1.4.0.2" })).toEqual({ ok: true });
  });
});

import { eq } from "drizzle-orm";
import { outbox, passwordResetTokens } from "@db/schema";
import { isResetTokenUsable, requestPasswordReset, resetPassword } from "~/modules/identity/password-reset.server";
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
    await expect(requestPasswordReset({ email: "ghost@example.test", baseUrl: "http://x", ip: "1.1.1.1" })).resolves.toBeUndefined();
    expect((await t.db.select().from(outbox)).length).toBe(countBefore);
  });
});

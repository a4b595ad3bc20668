import { and, eq } from "drizzle-orm";
import { auditLog, memberships, outbox } from "@db/schema";
import { listAudit } from "~/modules/audit/audit.server";
import { acceptInvitation, changeRole, findInvitation, inviteUser, revokeMembership, switchMembership } from "~/modules/identity/memberships.server";
import { createSession, getSessionContext, commitSessionCookie } from "~/modules/identity/session.server";
import { signIn } from "~/modules/identity/sign-in.server";
import { makeCentre, makeProvider, makeUser, requestWithCookie, TEST_PASSWORD } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

function tokenFromOutbox(rows: (typeof outbox.$inferSelect)[], email: string) {
  const message = rows.find((r) => (r.payload as { to: string }).to === email);
  return (message!.payload as { props: { acceptUrl: string } }).props.acceptUrl.split("/invitations/")[1]!;
}

describe("invitations and roles", () => {
  it("invites a new person by email; accepting creates the account and the role, audited", async () => {
    const centre = await makeCentre(t.db);
    const director = await makeUser(t.db, { role: "director", cusId: centre.id, name: "Dyrektor" });
    const actor = { userId: director.id, email: director.email, name: director.name, ip: "2.2.2.2" };
    const invited = await inviteUser({ actor, org: { cusId: centre.id }, email: "Nowa.Osoba@Example.test", name: "Nowa Osoba", role: "coordinator", baseUrl: "http://x", locale: "pl" });
    expect(invited.ok).toBe(true);
    const token = tokenFromOutbox(await t.db.select().from(outbox), "nowa.osoba@example.test");

    const view = await findInvitation(token);
    expect(view).toMatchObject({ email: "nowa.osoba@example.test", role: "coordinator", hasAccount: false });

    expect(await acceptInvitation({ token, ip: "3.3.3.3", locale: "pl", newAccount: { name: "Nowa Osoba", password: "short" } })).toEqual({ ok: false, reason: "too_short" });
    const accepted = await acceptInvitation({ token, ip: "3.3.3.3", locale: "pl", newAccount: { name: "Nowa Osoba", password: "long enough secret" } });
    expect(accepted.ok).toBe(true);
    expect(await acceptInvitation({ token, ip: "3.3.3.3", locale: "pl", newAccount: { name: "X", password: "long enough secret" } })).toEqual({ ok: false, reason: "invalid" });

    const signedIn = await signIn({ email: "nowa.osoba@example.test", password: "long enough secret", ip: "3.3.3.3", userAgent: null });
    expect(signedIn.ok).toBe(true);
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.cusId, centre.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.created", "invitation.accepted", "membership.created"]));
  });

  it("an existing account must be signed in as itself to accept", async () => {
    const provider = await makeProvider(t.db);
    const admin = await makeUser(t.db, { role: "provider_admin", providerId: provider.id });
    const existing = await makeUser(t.db);
    const other = await makeUser(t.db);
    await inviteUser({ actor: { userId: admin.id, email: admin.email, name: "Admin", ip: "x" }, org: { providerId: provider.id }, email: existing.email, name: null, role: "provider_staff", baseUrl: "http://x", locale: "pl" });
    const token = tokenFromOutbox(await t.db.select().from(outbox), existing.email);
    expect(await acceptInvitation({ token, ip: "x", locale: "pl", signedInUserId: other.id })).toEqual({ ok: false, reason: "wrong_account" });
    expect((await acceptInvitation({ token, ip: "x", locale: "pl", signedInUserId: existing.id })).ok).toBe(true);
  });

  it("refuses roles that do not belong to the organisation", async () => {
    const provider = await makeProvider(t.db);
    const admin = await makeUser(t.db, { role: "provider_admin", providerId: provider.id });
    const result = await inviteUser({ actor: { userId: admin.id, email: admin.email, name: "A", ip: "x" }, org: { providerId: provider.id }, email: "a@b.test", name: null, role: "director", baseUrl: "http://x", locale: "pl" });
    expect(result).toEqual({ ok: false, reason: "role_not_allowed" });
  });

  it("records a role change with before and after, and refuses changing one's own role", async () => {
    const centre = await makeCentre(t.db);
    const director = await makeUser(t.db, { role: "director", cusId: centre.id });
    const staff = await makeUser(t.db, { role: "community", cusId: centre.id });
    const actor = { userId: director.id, email: director.email, name: "D", ip: "4.4.4.4" };
    expect(await changeRole({ actor, org: { cusId: centre.id }, membershipId: staff.membershipId!, role: "coordinator" })).toEqual({ ok: true });
    expect(await changeRole({ actor, org: { cusId: centre.id }, membershipId: director.membershipId!, role: "finance" })).toEqual({ ok: false, reason: "self" });
    const [row] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "membership.role_changed"), eq(auditLog.entityId, staff.membershipId!)));
    expect(row!.before).toMatchObject({ role: "community" });
    expect(row!.after).toMatchObject({ role: "coordinator" });
    // The director finds it by filtering on the action (names with underscores included).
    const filtered = await listAudit(centre.id, { action: "membership.role_changed" });
    expect(filtered.rows.map((r) => r.entityId)).toEqual([staff.membershipId]);
    const byActor = await listAudit(centre.id, { actor: director.email.slice(0, 6) });
    expect(byActor.rows.some((r) => r.action === "membership.role_changed")).toBe(true);
  });

  it("a director of another centre cannot touch this centre's memberships", async () => {
    const centreA = await makeCentre(t.db);
    const centreB = await makeCentre(t.db);
    const directorB = await makeUser(t.db, { role: "director", cusId: centreB.id });
    const staffA = await makeUser(t.db, { role: "finance", cusId: centreA.id });
    const actor = { userId: directorB.id, email: directorB.email, name: "B", ip: "x" };
    expect(await changeRole({ actor, org: { cusId: centreB.id }, membershipId: staffA.membershipId!, role: "organizer" })).toEqual({ ok: false, reason: "not_found" });
    expect(await revokeMembership({ actor, org: { cusId: centreB.id }, membershipId: staffA.membershipId! })).toEqual({ ok: false, reason: "not_found" });
  });

  it("revoking a role takes it away from open sessions at once", async () => {
    const centre = await makeCentre(t.db);
    const director = await makeUser(t.db, { role: "director", cusId: centre.id });
    const staff = await makeUser(t.db, { role: "organizer", cusId: centre.id });
    const session = await createSession(t.db, { userId: staff.id, ip: "x", userAgent: null });
    const request = requestWithCookie("/", (await commitSessionCookie(session.token)).split(";")[0]!);
    expect((await getSessionContext(request))?.membership?.role).toBe("organizer");
    await revokeMembership({ actor: { userId: director.id, email: director.email, name: "D", ip: "x" }, org: { cusId: centre.id }, membershipId: staff.membershipId! });
    expect((await getSessionContext(request))?.membership).toBeNull();
    const [m] = await t.db.select().from(memberships).where(eq(memberships.id, staff.membershipId!));
    expect(m!.revokedAt).not.toBeNull();
  });

  it("switches between a user's memberships, and never into someone else's", async () => {
    const centre = await makeCentre(t.db);
    const provider = await makeProvider(t.db);
    const user = await makeUser(t.db, { role: "coordinator", cusId: centre.id });
    const [second] = await t.db.insert(memberships).values({ userId: user.id, role: "provider_staff", providerId: provider.id }).returning();
    const stranger = await makeUser(t.db, { role: "director", cusId: centre.id });
    const signedIn = await signIn({ email: user.email, password: TEST_PASSWORD, ip: "x", userAgent: null });
    if (!signedIn.ok) throw new Error("sign-in failed");
    const request = requestWithCookie("/", (await commitSessionCookie(signedIn.token)).split(";")[0]!);
    const session = (await getSessionContext(request))!;
    expect(await switchMembership({ sessionId: session.sessionId, userId: user.id, email: user.email, membershipId: stranger.membershipId!, ip: "x" })).toEqual({ ok: false });
    expect(await switchMembership({ sessionId: session.sessionId, userId: user.id, email: user.email, membershipId: second!.id, ip: "x" })).toEqual({ ok: true, role: "provider_staff" });
    expect((await getSessionContext(request))?.membership?.organisationName).toBe(provider.name);
  });

  it("shows a director only their own centre's log", async () => {
    const centreA = await makeCentre(t.db);
    const centreB = await makeCentre(t.db);
    const staffA = await makeUser(t.db, { role: "coordinator", cusId: centreA.id });
    const staffB = await makeUser(t.db, { role: "coordinator", cusId: centreB.id });
    await signIn({ email: staffA.email, password: TEST_PASSWORD, ip: "x", userAgent: null });
    await signIn({ email: staffB.email, password: TEST_PASSWORD, ip: "x", userAgent: null });
    const logA = await listAudit(centreA.id, {});
    expect(logA.rows.some((r) => r.actorUserId === staffA.id)).toBe(true);
    expect(logA.rows.some((r) => r.actorUserId === staffB.id)).toBe(false);
    const filtered = await listAudit(centreA.id, { action: "auth.sign_in_failed" });
    expect(filtered.rows).toHaveLength(0);
  });
});

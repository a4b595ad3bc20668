import { and, eq } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { billingSettings, centreProviders, providerOrganisations, providerPayoutAccounts, type ConnectStatus } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { clock } from "~/modules/kernel/clock.server";
import { enqueue, type OutboxHandler } from "~/modules/notifications/outbox.server";
import { runNow } from "~/modules/notifications/worker.server";
import { stripe, type Stripe } from "~/modules/stripe/client.server";

/*
 * A provider's payout setup. Stripe Connect: a recipient account (Express-style dashboard) made once through the
 * outbox (key connect-account:<provider>), onboarded through an Account Link; its status follows Stripe's
 * account.updated events and the provider's return from onboarding. Or a Polish bank account: the provider asks,
 * an organiser of a centre it works with confirms, both audited.
 */

export async function getPayoutAccount(providerId: string, db: Database = getDb()) {
  const [row] = await db.select().from(providerPayoutAccounts).where(eq(providerPayoutAccounts.providerId, providerId));
  return row ?? { providerId, stripeAccountId: null, connectStatus: "none" as ConnectStatus, connectRequirements: [] as string[], bankNrb: null, bankHolder: null, bankConfirmedBy: null, bankConfirmedAt: null, pendingNrb: null, pendingHolder: null, pendingRequestedBy: null, pendingRequestedAt: null, updatedAt: null };
}

function statusOf(account: Stripe.Account): { status: ConnectStatus; requirements: string[] } {
  const due = account.requirements?.currently_due ?? [];
  if (account.payouts_enabled && account.details_submitted) return { status: due.length ? "restricted" : "active", requirements: due };
  return { status: "onboarding", requirements: due };
}

/** The "stripe-connect-account" handler: makes the provider's account once (the outbox key is Stripe's idempotency key). */
export const connectAccountHandler: OutboxHandler = async (message, { db, now }) => {
  const { providerId } = message.payload as { providerId: string };
  const [provider] = await db.select().from(providerOrganisations).where(eq(providerOrganisations.id, providerId));
  if (!provider) return;
  const account = await stripe().accounts.create(
    { type: "express", country: "PL", email: provider.email ?? undefined, business_profile: { name: provider.name }, capabilities: { transfers: { requested: true } }, metadata: { providerId } },
    { idempotencyKey: message.key },
  );
  await db
    .insert(providerPayoutAccounts)
    .values({ providerId, stripeAccountId: account.id, connectStatus: "onboarding", updatedAt: now })
    .onConflictDoUpdate({ target: providerPayoutAccounts.providerId, set: { stripeAccountId: account.id, connectStatus: "onboarding", updatedAt: now } });
};

/** Starts (or resumes) Connect onboarding: returns the Account Link to send the provider's admin to. */
export async function startConnectOnboarding(input: { providerId: string; actor: Actor; baseUrl: string }, db: Database = getDb()): Promise<{ ok: true; url: string } | { ok: false; reason: "unavailable" }> {
  let account = await getPayoutAccount(input.providerId, db);
  if (!account.stripeAccountId) {
    const key = `connect-account:${input.providerId}`;
    await db.transaction(async (tx) => {
      await enqueue(tx, "stripe-connect-account", { providerId: input.providerId }, { key });
      await recordAudit(tx, input.actor, { action: "payouts.connect_started", entityType: "provider", entityId: input.providerId });
    });
    await runNow(key, connectAccountHandler, db);
    account = await getPayoutAccount(input.providerId, db);
    if (!account.stripeAccountId) return { ok: false, reason: "unavailable" };
  }
  try {
    // A link lasts minutes and creates nothing that stays: asked for when needed, not queued.
    const link = await stripe().accountLinks.create({ account: account.stripeAccountId, type: "account_onboarding", return_url: `${input.baseUrl}/provider/payouts?onboarding=done`, refresh_url: `${input.baseUrl}/provider/payouts?onboarding=again` });
    return { ok: true, url: link.url };
  } catch {
    return { ok: false, reason: "unavailable" };
  }
}

/** Brings the Connect status up to date from Stripe (on return from onboarding, and on account.updated). */
export async function applyConnectAccount(account: Stripe.Account, db: Database = getDb()): Promise<boolean> {
  const { status, requirements } = statusOf(account);
  const rows = await db.update(providerPayoutAccounts).set({ connectStatus: status, connectRequirements: requirements, updatedAt: clock.now() }).where(eq(providerPayoutAccounts.stripeAccountId, account.id)).returning();
  return rows.length > 0;
}

export async function refreshConnectStatus(providerId: string, db: Database = getDb()): Promise<void> {
  const account = await getPayoutAccount(providerId, db);
  if (!account.stripeAccountId) return;
  try {
    await applyConnectAccount(await stripe().accounts.retrieve(account.stripeAccountId), db);
  } catch {
    // Stripe unreachable: the status stays as the last webhook left it.
  }
}

/** The provider asks to be paid to a bank account; it waits for an organiser's confirmation. */
export async function requestBankAccount(input: { providerId: string; nrb: string; holder: string; actor: Actor; now: Date }, db: Database = getDb()) {
  await db.transaction(async (tx) => {
    const before = await getPayoutAccount(input.providerId, tx);
    const values = { pendingNrb: input.nrb, pendingHolder: input.holder, pendingRequestedBy: input.actor.userId, pendingRequestedAt: input.now, updatedAt: input.now };
    await tx.insert(providerPayoutAccounts).values({ providerId: input.providerId, ...values }).onConflictDoUpdate({ target: providerPayoutAccounts.providerId, set: values });
    await recordAudit(tx, input.actor, { action: "payouts.bank_requested", entityType: "provider", entityId: input.providerId, before: { nrb: before.bankNrb, holder: before.bankHolder }, after: { nrb: input.nrb, holder: input.holder } });
  });
}

/** An organiser of a centre the provider works with confirms the requested bank account. */
export async function confirmBankAccount(input: { cusId: string; providerId: string; actor: Actor; now: Date }, db: Database = getDb()): Promise<{ ok: true } | { ok: false; reason: "not_found" | "nothing_pending" | "own_request" }> {
  return db.transaction(async (tx) => {
    const [partner] = await tx.select().from(centreProviders).where(and(eq(centreProviders.cusId, input.cusId), eq(centreProviders.providerId, input.providerId)));
    if (!partner) return { ok: false as const, reason: "not_found" as const };
    const [account] = await tx.select().from(providerPayoutAccounts).where(eq(providerPayoutAccounts.providerId, input.providerId)).for("update");
    if (!account?.pendingNrb) return { ok: false as const, reason: "nothing_pending" as const };
    if (account.pendingRequestedBy === input.actor.userId) return { ok: false as const, reason: "own_request" as const };
    await tx
      .update(providerPayoutAccounts)
      .set({ bankNrb: account.pendingNrb, bankHolder: account.pendingHolder, bankConfirmedBy: input.actor.userId, bankConfirmedAt: input.now, pendingNrb: null, pendingHolder: null, pendingRequestedBy: null, pendingRequestedAt: null, updatedAt: input.now })
      .where(eq(providerPayoutAccounts.providerId, input.providerId));
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "payouts.bank_confirmed", entityType: "provider", entityId: input.providerId, before: { nrb: account.bankNrb, holder: account.bankHolder }, after: { nrb: account.pendingNrb, holder: account.pendingHolder } });
    return { ok: true as const };
  });
}

/** The account the centre pays providers from by bank file (the gmina treasury's), as finance sets it; audited. */
export async function setTreasuryAccount(input: { cusId: string; nrb: string; name: string; actor: Actor }, db: Database = getDb()) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(billingSettings).where(eq(billingSettings.cusId, input.cusId));
    await tx
      .insert(billingSettings)
      .values({ cusId: input.cusId, treasuryNrb: input.nrb, treasuryName: input.name, updatedBy: input.actor.userId })
      .onConflictDoUpdate({ target: billingSettings.cusId, set: { treasuryNrb: input.nrb, treasuryName: input.name, updatedBy: input.actor.userId, updatedAt: clock.now() } });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "settlement.treasury_account_set", entityType: "centre", entityId: input.cusId, before: { nrb: before?.treasuryNrb ?? null, name: before?.treasuryName ?? null }, after: { nrb: input.nrb, name: input.name } });
  });
}

export async function getTreasuryAccount(cusId: string, db: Database = getDb()) {
  const [row] = await db.select({ nrb: billingSettings.treasuryNrb, name: billingSettings.treasuryName }).from(billingSettings).where(eq(billingSettings.cusId, cusId));
  return row?.nrb ? { nrb: row.nrb, name: row.name ?? "" } : null;
}

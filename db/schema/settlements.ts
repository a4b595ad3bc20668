import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { providerOrganisations } from "./organisations";

/*
 * How a provider is paid: a Stripe Connect account (onboarded through Account Links), or a Polish bank account
 * (NRB) for a transfer from the gmina's account. A new bank account waits for an organiser's confirmation.
 */

export const connectStatuses = ["none", "onboarding", "active", "restricted"] as const;
export type ConnectStatus = (typeof connectStatuses)[number];

export const providerPayoutAccounts = pgTable(
  "provider_payout_accounts",
  {
    providerId: uuid("provider_id")
      .primaryKey()
      .references(() => providerOrganisations.id, { onDelete: "cascade" }),
    stripeAccountId: text("stripe_account_id"),
    connectStatus: text("connect_status").$type<ConnectStatus>().notNull().default("none"),
    /** What Stripe still asks for, as it says it (currently_due). */
    connectRequirements: text("connect_requirements").array().notNull().default([]),
    /** The confirmed bank account (26-digit NRB) and its holder. */
    bankNrb: text("bank_nrb"),
    bankHolder: text("bank_holder"),
    bankConfirmedBy: uuid("bank_confirmed_by").references(() => users.id, { onDelete: "set null" }),
    bankConfirmedAt: timestamp("bank_confirmed_at", { withTimezone: true }),
    /** A change the provider asked for, until an organiser confirms it. */
    pendingNrb: text("pending_nrb"),
    pendingHolder: text("pending_holder"),
    pendingRequestedBy: uuid("pending_requested_by").references(() => users.id, { onDelete: "set null" }),
    pendingRequestedAt: timestamp("pending_requested_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("provider_payout_accounts_stripe").on(t.stripeAccountId)],
);

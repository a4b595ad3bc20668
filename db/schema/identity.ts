import { sql } from "drizzle-orm";
import { boolean, check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { centres, providerOrganisations } from "./organisations";

import { roles, type Role } from "./values";

export { roles, type Role };
export const providerRoles = ["provider_admin", "provider_staff"] as const satisfies readonly Role[];
export const centreRoles = ["director", "organizer", "coordinator", "community", "finance", "resident"] as const satisfies readonly Role[];
export const roleEnum = pgEnum("role", roles);

export const locales = ["pl", "en"] as const;
export type Locale = (typeof locales)[number];

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased; the unique index makes one account per address. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    locale: text("locale").notNull().default("pl"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email").on(t.email)],
);

/** A user's role in one organisation: a centre (staff, residents) or a provider (provider roles). */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    cusId: uuid("cus_id").references(() => centres.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    check(
      "memberships_org_matches_role",
      sql`(${t.role} in ('provider_admin','provider_staff') and ${t.providerId} is not null and ${t.cusId} is null)
       or (${t.role} not in ('provider_admin','provider_staff') and ${t.cusId} is not null and ${t.providerId} is null)`,
    ),
    uniqueIndex("memberships_active_centre_role")
      .on(t.userId, t.cusId, t.role)
      .where(sql`${t.cusId} is not null and ${t.revokedAt} is null`),
    uniqueIndex("memberships_active_provider_role")
      .on(t.userId, t.providerId, t.role)
      .where(sql`${t.providerId} is not null and ${t.revokedAt} is null`),
    index("memberships_cus").on(t.cusId),
    index("memberships_provider").on(t.providerId),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    membershipId: uuid("membership_id").references(() => memberships.id, { onDelete: "set null" }),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("password_reset_tokens_user").on(t.userId)],
);

/** Every request for a reset link, whether or not the account exists: what the throttle counts. */
export const passwordResetRequests = pgTable(
  "password_reset_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_reset_requests_email_at").on(t.email, t.at), index("password_reset_requests_ip_at").on(t.ip, t.at)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** SHA-256 of the token in the emailed link. */
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    name: text("name"),
    role: roleEnum("role").notNull(),
    cusId: uuid("cus_id").references(() => centres.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "cascade" }),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("invitations_token").on(t.tokenHash), index("invitations_cus").on(t.cusId)],
);

/** Every sign-in attempt, for rate limiting per account and per address. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_email_at").on(t.email, t.at), index("sign_in_attempts_ip_at").on(t.ip, t.at)],
);

/*
 * Value lists the database enforces (as enums or checks) and the app offers in forms. They live with the
 * schema, since the database layer never imports the app; modules and components import them from here.
 */

/** The roles a membership gives (see app/modules/identity/permissions.ts for what each may do). */
export const roles = ["director", "organizer", "coordinator", "community", "finance", "provider_admin", "provider_staff", "resident"] as const;
export type Role = (typeof roles)[number];

/** Legal forms of provider organisations. */
export const providerLegalForms = [
  "foundation",
  "association",
  "social_cooperative",
  "social_economy_other",
  "company",
  "sole_trader",
  "public_unit",
] as const;

/** Purposes a resident consents to separately (RODO). */
export const consentPurposes = ["services", "share_with_provider", "email_notifications"] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** Purposes a resident consents to separately (RODO), and how a consent was given. */
export const consentPurposes = ["services", "share_with_provider", "email_notifications"] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const consentMethods = ["paper", "in_person", "phone", "electronic"] as const;
export type ConsentMethod = (typeof consentMethods)[number];

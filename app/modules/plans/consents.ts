/** Purposes a resident consents to separately (RODO), and how a consent was given. */
export { consentPurposes, type ConsentPurpose } from "@db/schema/values";
export const consentMethods = ["paper", "in_person", "phone", "electronic"] as const;
export type ConsentMethod = (typeof consentMethods)[number];

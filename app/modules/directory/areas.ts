/** The 14 statutory areas of social services (CUS Act of 19 July 2019, art. 2). Labels live in i18n (`areas.N`). */
export const statutoryAreas = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] as const;
export type StatutoryArea = (typeof statutoryAreas)[number];

export function isStatutoryArea(value: number): value is StatutoryArea {
  return Number.isInteger(value) && value >= 1 && value <= 14;
}

export const deliveryModes = ["place", "home", "online"] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

export const groupModes = ["individual", "group"] as const;

export const targetGroups = ["seniors", "families", "children", "youth", "disabled", "carers", "unemployed", "adults", "everyone"] as const;

export const accessibilityFeatures = ["step_free", "wheelchair_toilet", "lift", "parking", "hearing_loop", "sign_language"] as const;

export const offerLanguages = ["pl", "en", "uk", "de", "pjm"] as const;

export { providerLegalForms } from "@db/schema/values";

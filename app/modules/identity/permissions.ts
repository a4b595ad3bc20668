import type { Role } from "@db/schema/identity";

export type { Role };

/**
 * The one map of who may do what. Every loader and action asks it through `requireAccess`;
 * navigation is built from it too, so a link is shown only where the page would let you in.
 */
export const permissionMap = {
  "centre.dashboard": ["director"],
  "centre.staff.read": ["director", "organizer"],
  "centre.staff.manage": ["director"],
  "audit.read": ["director"],
  "organizer.desk": ["organizer"],
  "coordinator.desk": ["coordinator"],
  "community.desk": ["community"],
  "finance.desk": ["finance"],
  /** Co-payment rules as data (from council resolutions). */
  "billing.rules": ["organizer", "finance"],
  /** Reliefs on a resident's record, and their co-payment balance. */
  "billing.reliefs": ["coordinator", "finance"],
  "provider.profile.read": ["provider_admin", "provider_staff"],
  "provider.staff.manage": ["provider_admin"],
  /** How the provider is paid: Stripe Connect onboarding or a bank account. */
  "provider.payouts": ["provider_admin"],
  /** The provider's settlement statements (answering them, with its invoice) and its contracts' pools. */
  "provider.statements": ["provider_admin"],
  /** Contracts with providers, funding sources and splits, pool overruns. */
  "contracts.manage": ["organizer"],
  /** Monthly settlement runs: preparing, resolving disputes, approving (four-eyes), paying. */
  "settlements.manage": ["finance"],
  "resident.self": ["resident"],
  /** Verifying providers and offers, gaps, the programme (PUS). */
  "directory.review": ["organizer"],
  /** Internal fields in the catalogue (unit price, review state). */
  "catalogue.internal": ["director", "organizer", "coordinator", "community", "finance"],
  "provider.offers.manage": ["provider_admin", "provider_staff"],
  /** Residents' records, applications, plans (IPUS) and booking for them. */
  "plans.manage": ["coordinator"],
  /** Reading plans; approving a draft plan. */
  "plans.read": ["director", "organizer", "coordinator"],
  "plans.approve": ["director", "organizer"],
  /** The centre's own supporting activities (działania wspierające) and its places. */
  "centre.activities.manage": ["community"],
  /** The provider's availability: weekly windows, closures, openings on its own calendar. */
  "capacity.manage": ["provider_admin", "provider_staff"],
  /** The provider's bookings with the residents' minimum data, and recording delivery. */
  "provider.bookings": ["provider_admin", "provider_staff"],
  /** The shared calendar of every provider's slots in the centre. */
  "calendar.shared": ["director", "organizer", "coordinator", "community"],
  /** Reading slots as JSON (scoped in the route: a provider its own, staff their centre's). */
  "slots.read": ["director", "organizer", "coordinator", "community", "provider_admin", "provider_staff"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionMap;

export function can(role: Role, permission: Permission): boolean {
  return (permissionMap[permission] as readonly Role[]).includes(role);
}

export const centreStaffRoles = ["director", "organizer", "coordinator", "community", "finance"] as const satisfies readonly Role[];
export type CentreStaffRole = (typeof centreStaffRoles)[number];

export function isProviderRole(role: Role): role is "provider_admin" | "provider_staff" {
  return role === "provider_admin" || role === "provider_staff";
}

/** Where each role lands after signing in. */
export const roleHome: Record<Role, string> = {
  director: "/centre",
  organizer: "/organizer",
  coordinator: "/coordinator",
  community: "/community",
  finance: "/finance",
  provider_admin: "/provider",
  provider_staff: "/provider",
  resident: "/me",
};

export type NavItem = { to: string; label: NavLabel; permission: Permission };
export type NavLabel = "home" | "staff" | "audit" | "catalogue" | "programme" | "activities" | "calendar" | "bookings" | "copayRules" | "payments" | "payouts" | "contracts" | "settlements" | "statements";

/** Navigation, in order; each entry is shown only to roles that may open it. */
const navItems: NavItem[] = [
  { to: "/centre", label: "home", permission: "centre.dashboard" },
  { to: "/organizer", label: "home", permission: "organizer.desk" },
  { to: "/coordinator", label: "home", permission: "coordinator.desk" },
  { to: "/community", label: "home", permission: "community.desk" },
  { to: "/finance", label: "home", permission: "finance.desk" },
  { to: "/provider", label: "home", permission: "provider.profile.read" },
  { to: "/me", label: "home", permission: "resident.self" },
  { to: "/centre/staff", label: "staff", permission: "centre.staff.read" },
  { to: "/centre/audit", label: "audit", permission: "audit.read" },
  { to: "/calendar", label: "calendar", permission: "calendar.shared" },
  { to: "/provider/calendar", label: "calendar", permission: "capacity.manage" },
  { to: "/provider/bookings", label: "bookings", permission: "provider.bookings" },
  { to: "/provider/statements", label: "statements", permission: "provider.statements" },
  { to: "/provider/payouts", label: "payouts", permission: "provider.payouts" },
  { to: "/organizer/programme", label: "programme", permission: "directory.review" },
  { to: "/organizer/contracts", label: "contracts", permission: "contracts.manage" },
  { to: "/finance/payments", label: "payments", permission: "finance.desk" },
  { to: "/finance/settlements", label: "settlements", permission: "settlements.manage" },
  { to: "/finance/rules", label: "copayRules", permission: "billing.rules" },
  { to: "/community/activities", label: "activities", permission: "centre.activities.manage" },
  { to: "/catalogue", label: "catalogue", permission: "catalogue.internal" },
];

export function navigationFor(role: Role): NavItem[] {
  return navItems.filter((item) => can(role, item.permission));
}

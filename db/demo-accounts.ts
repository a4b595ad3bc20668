import type { Role } from "./schema/identity";

/** Demo only: the seed creates these, the sign-in page lists them outside production, production refuses them. */
export const DEMO_EMAIL_DOMAIN = "cus-demo.example";
export const DEMO_PASSWORD = "Demo-CUS-2026";

export type DemoAccount = { email: string; name: string; role: Role; organisation: "centre" | string; locale?: "pl" | "en" | "uk" };

export const demoAccounts: DemoAccount[] = [
  { email: `dyrektor@${DEMO_EMAIL_DOMAIN}`, name: "Barbara Wiśniewska", role: "director", organisation: "centre" },
  { email: `organizator@${DEMO_EMAIL_DOMAIN}`, name: "Tomasz Kaczmarek", role: "organizer", organisation: "centre" },
  { email: `koordynator@${DEMO_EMAIL_DOMAIN}`, name: "Anna Nowak", role: "coordinator", organisation: "centre" },
  { email: `osl@${DEMO_EMAIL_DOMAIN}`, name: "Paweł Zieliński", role: "community", organisation: "centre" },
  { email: `finanse@${DEMO_EMAIL_DOMAIN}`, name: "Katarzyna Lewandowska", role: "finance", organisation: "centre" },
  { email: `uslugodawca@${DEMO_EMAIL_DOMAIN}`, name: "Magdalena Wójcik", role: "provider_admin", organisation: "Fundacja Pomocna Dłoń" },
  { email: `terapeuta@${DEMO_EMAIL_DOMAIN}`, name: "Michał Kamiński", role: "provider_staff", organisation: "Fundacja Pomocna Dłoń" },
  { email: `mieszkaniec@${DEMO_EMAIL_DOMAIN}`, name: "Stanisława Jabłońska", role: "resident", organisation: "centre" },
  { email: `henryk.kowalczyk@${DEMO_EMAIL_DOMAIN}`, name: "Henryk Kowalczyk", role: "resident", organisation: "centre" },
  { email: `zofia.szymanska@${DEMO_EMAIL_DOMAIN}`, name: "Zofia Szymańska", role: "resident", organisation: "centre" },
  // A refugee from Ukraine: no PESEL (a passport number instead), reads the portal in Ukrainian.
  { email: `olena.kovalenko@${DEMO_EMAIL_DOMAIN}`, name: "Olena Kovalenko", role: "resident", organisation: "centre", locale: "uk" },
  // One person, two roles: shows switching between memberships.
  { email: `dwie.role@${DEMO_EMAIL_DOMAIN}`, name: "Ewa Dąbrowska", role: "coordinator", organisation: "centre" },
  { email: `dwie.role@${DEMO_EMAIL_DOMAIN}`, name: "Ewa Dąbrowska", role: "provider_staff", organisation: "Spółdzielnia Socjalna Razem" },
];

export function isDemoEmail(email: string): boolean {
  return email.trim().toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}

import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centreGminas, centreProviders, centres, memberships, providerOrganisations } from "@db/schema";
import { centreStaffRoles } from "~/modules/identity/permissions";
import type { ProviderLegalForm } from "@db/schema/organisations";

export async function getCentre(cusId: string, db: Database = getDb()) {
  const [centre] = await db.select().from(centres).where(eq(centres.id, cusId));
  if (!centre) return null;
  const gminas = await db
    .select({ terytCode: centreGminas.terytCode, name: centreGminas.name })
    .from(centreGminas)
    .where(eq(centreGminas.cusId, cusId))
    .orderBy(asc(centreGminas.name));
  return { ...centre, gminas };
}

export async function listCentreProviders(
  cusId: string,
  options: { legalForms?: readonly ProviderLegalForm[] } = {},
  db: Database = getDb(),
) {
  return db
    .select({
      id: providerOrganisations.id,
      name: providerOrganisations.name,
      legalForm: providerOrganisations.legalForm,
      subtype: providerOrganisations.subtype,
      city: providerOrganisations.city,
      nip: providerOrganisations.nip,
      regon: providerOrganisations.regon,
      krs: providerOrganisations.krs,
      email: providerOrganisations.email,
      phone: providerOrganisations.phone,
      contactPerson: providerOrganisations.contactPerson,
      status: centreProviders.status,
    })
    .from(centreProviders)
    .innerJoin(providerOrganisations, eq(providerOrganisations.id, centreProviders.providerId))
    .where(
      and(
        eq(centreProviders.cusId, cusId),
        options.legalForms ? inArray(providerOrganisations.legalForm, [...options.legalForms]) : undefined,
      ),
    )
    .orderBy(asc(providerOrganisations.name));
}

export async function countCentreStaffByRole(cusId: string, db: Database = getDb()) {
  return db
    .select({ role: memberships.role, n: count() })
    .from(memberships)
    .where(and(eq(memberships.cusId, cusId), isNull(memberships.revokedAt), inArray(memberships.role, [...centreStaffRoles])))
    .groupBy(memberships.role);
}

export async function getProviderProfile(providerId: string, db: Database = getDb()) {
  const [provider] = await db.select().from(providerOrganisations).where(eq(providerOrganisations.id, providerId));
  if (!provider) return null;
  const worksWith = await db
    .select({ id: centres.id, name: centres.name, city: centres.city, status: centreProviders.status, reviewNote: centreProviders.reviewNote })
    .from(centreProviders)
    .innerJoin(centres, eq(centres.id, centreProviders.cusId))
    .where(eq(centreProviders.providerId, providerId))
    .orderBy(asc(centres.name));
  return { ...provider, worksWith };
}

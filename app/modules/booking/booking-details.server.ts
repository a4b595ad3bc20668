import { asc, eq, type SQL } from "drizzle-orm";
import type { Database } from "@db/client";
import { bookings, centres, locations, offerRevisions, offers, providerOrganisations, residents, slots } from "@db/schema";

/**
 * Bookings with what telling people about them needs: the offer's current name, the provider and its
 * contacts, the place, the resident and how to reach them. Emails and calendar feeds both read this.
 */
export function listBookingDetails(db: Database, where: SQL | undefined) {
  return db
    .select({
      booking: bookings,
      centreName: centres.name,
      offerName: offerRevisions.name,
      providerName: providerOrganisations.name,
      providerEmail: providerOrganisations.email,
      providerPhone: providerOrganisations.phone,
      placeName: locations.name,
      placeStreet: locations.street,
      placeCity: locations.city,
      firstName: residents.firstName,
      lastName: residents.lastName,
      residentEmail: residents.email,
      language: residents.preferredLanguage,
      contactPreference: residents.contactPreference,
    })
    .from(bookings)
    .innerJoin(centres, eq(centres.id, bookings.cusId))
    .innerJoin(offers, eq(offers.id, bookings.offerId))
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .innerJoin(residents, eq(residents.id, bookings.residentId))
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, bookings.providerId))
    .leftJoin(locations, eq(locations.id, slots.locationId))
    .where(where)
    .orderBy(asc(bookings.startsAt));
}

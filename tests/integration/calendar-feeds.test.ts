import { eq, sql } from "drizzle-orm";
import ical from "node-ical";
import { bookings, centreProviders, residents, slots } from "@db/schema";
import { ruleFormSchema } from "~/modules/capacity/availability-form";
import { createAvailabilityRule } from "~/modules/capacity/availability.server";
import { regenerateFeedToken, renderFeed } from "~/modules/booking/calendar-feeds.server";
import { createLocation, reviewOffer, submitOffer } from "~/modules/directory/offers.server";
import { draftOffer, offerContent } from "../fixtures/offers";
import { actorOf, makeCentre, makeProvider, makeUser } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();
const warsawTime = new Intl.DateTimeFormat("pl-PL", { timeZone: "Europe/Warsaw", dateStyle: "short", timeStyle: "short" });

async function world() {
  const centre = await makeCentre(t.db);
  const provider = await makeProvider(t.db, "Fundacja Kalendarz");
  await t.db.insert(centreProviders).values({ cusId: centre.id, providerId: provider.id, status: "verified" });
  const admin = await makeUser(t.db, { role: "provider_admin", providerId: provider.id });
  const organiser = await makeUser(t.db, { role: "organizer", cusId: centre.id });
  const actor = actorOf(admin);
  const place = await createLocation({ providerId: provider.id }, { name: "Gabinet", street: "ul. Lipowa 1", postalCode: "21-040", city: "Borków", gminaName: "Gmina Borków", accessibility: [] }, actor);
  const offerId = await draftOffer({ providerId: provider.id, cusId: centre.id, content: offerContent({ name: "Psycholog", deliveryModes: ["place"], locationIds: [place.id] }), actor });
  await submitOffer({ offerId, providerId: provider.id, actor });
  await reviewOffer({ offerId, cusId: centre.id, decision: "publish", comment: null, actor: actorOf(organiser) });
  // Weekly Tuesdays 9:00, long enough to cross the next DST change whatever today is.
  await createAvailabilityRule({
    owner: { providerId: provider.id },
    rule: ruleFormSchema.parse({ offerId, locationId: place.id, staffUserId: "", weekdays: ["2"], startTime: "09:00", endTime: "10:00", validFrom: new Date().toISOString().slice(0, 10), validTo: "", kind: "slots", slotMinutes: "60", bufferMinutes: "0", seats: "1", minNoticeHours: "0", horizonDays: "240" }),
    actor,
  });
  const [resident] = await t.db.insert(residents).values({ cusId: centre.id, firstName: "Stanisława", lastName: "Jabłońska" }).returning();
  return { centre, provider, actor, resident: resident! };
}

describe("iCalendar feeds", () => {
  it("parse with a standard parser, keep 9:00 in Warsaw across DST, and update events instead of duplicating them", async () => {
    const w = await world();
    const tuesdays = await t.db.select().from(slots).where(eq(slots.providerId, w.provider.id)).orderBy(slots.startsAt);
    const offsets = new Set(tuesdays.map((s) => s.startsAt.getUTCHours()));
    expect(offsets).toEqual(new Set([7, 8])); // summer and winter time both present
    const picked = [tuesdays[0]!, tuesdays[tuesdays.length - 1]!];
    for (const slot of picked) {
      await t.db.update(slots).set({ booked: sql`${slots.booked} + 1` }).where(eq(slots.id, slot.id));
      await t.db.insert(bookings).values({ cusId: w.centre.id, slotId: slot.id, offerId: slot.offerId, providerId: w.provider.id, residentId: w.resident.id, startsAt: slot.startsAt, endsAt: slot.endsAt });
    }

    const token = await regenerateFeedToken({ providerId: w.provider.id }, w.actor);
    const text = await renderFeed(token, "https://cus.example");
    expect(text).not.toBeNull();
    const events = Object.values(ical.sync.parseICS(text!)).filter((c) => c?.type === "VEVENT") as ical.VEvent[];
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(warsawTime.format(event.start as Date)).toMatch(/09:00$/);
      expect(event.summary).toBe("Psycholog – Stanisława J.");
      expect(event.location).toBe("Gabinet, ul. Lipowa 1, Borków");
      expect(event.uid).toMatch(/^booking-[0-9a-f-]+@cus-portal$/);
    }
    expect(picked.map((s) => s.startsAt.getTime()).sort()).toEqual(events.map((e) => (e.start as Date).getTime()).sort());

    // A cancellation keeps the UID and raises the sequence, so subscribed calendars update the event.
    const [first] = await t.db.select().from(bookings).where(eq(bookings.slotId, picked[0]!.id));
    await t.db.update(bookings).set({ status: "cancelled", sequence: 1, updatedAt: new Date() }).where(eq(bookings.id, first!.id));
    const after = Object.values(ical.sync.parseICS((await renderFeed(token, "https://cus.example"))!)).filter((c) => c?.type === "VEVENT") as ical.VEvent[];
    const cancelled = after.find((e) => e.uid === `booking-${first!.id}@cus-portal`)!;
    expect(after).toHaveLength(2);
    expect(cancelled.status).toBe("CANCELLED");
    expect(Number(cancelled.sequence)).toBe(1);
  });

  it("a resident who reads Ukrainian gets the feed in Ukrainian, a home visit included", async () => {
    const w = await world();
    await t.db.update(residents).set({ preferredLanguage: "uk" }).where(eq(residents.id, w.resident.id));
    const [slot] = await t.db.select().from(slots).where(eq(slots.providerId, w.provider.id)).orderBy(slots.startsAt).limit(1);
    // At the resident's home: the slot has no place.
    await t.db.update(slots).set({ locationId: null, booked: 1 }).where(eq(slots.id, slot!.id));
    await t.db.insert(bookings).values({ cusId: w.centre.id, slotId: slot!.id, offerId: slot!.offerId, providerId: w.provider.id, residentId: w.resident.id, startsAt: slot!.startsAt, endsAt: slot!.endsAt });
    const text = (await renderFeed(await regenerateFeedToken({ residentId: w.resident.id }, w.actor), "https://cus.example"))!;
    const [event] = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === "VEVENT") as ical.VEvent[];
    expect(event!.location).toBe("Вдома в мешканця");
    expect(text).toContain("X-WR-CALNAME:CUS – мої послуги");
    // The visit's status, the same words as on the resident's page.
    expect(event!.description).toMatch(/^заброньовано/);
    expect(text).not.toMatch(/W domu|moje usługi/);
  });

  it("a regenerated address revokes the old one; an unknown token gets nothing", async () => {
    const w = await world();
    const first = await regenerateFeedToken({ residentId: w.resident.id }, w.actor);
    expect(await renderFeed(first, "https://cus.example")).toContain("BEGIN:VCALENDAR");
    const second = await regenerateFeedToken({ residentId: w.resident.id }, w.actor);
    expect(await renderFeed(first, "https://cus.example")).toBeNull();
    expect(await renderFeed(second, "https://cus.example")).toContain("BEGIN:VCALENDAR");
    expect(await renderFeed("not-a-real-token-but-long-enough", "https://cus.example")).toBeNull();
  });
});

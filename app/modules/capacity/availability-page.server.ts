import { getFeedStatus, regenerateFeedToken } from "~/modules/booking/calendar-feeds.server";
import type { Feedback } from "~/modules/kernel/feedback";
import { listLocations } from "~/modules/directory/offers.server";
import type { Actor } from "~/modules/kernel/actor";
import { notFound } from "~/modules/kernel/boundary.server";
import { listTeam } from "~/modules/identity/memberships.server";
import { warsawDate } from "~/modules/kernel/dates";
import { clock } from "~/modules/kernel/clock.server";
import { withoutIntent } from "~/modules/kernel/input";
import type { AvailabilityAction } from "./availability-form";
import {
  archiveAvailabilityRule,
  createAvailabilityException,
  createAvailabilityRule,
  deleteAvailabilityException,
  listAvailability,
  listPlannableOffers,
} from "./availability.server";
import type { Owner } from "~/modules/kernel/owner";
import type { CalendarQuery } from "./calendar-query";
import { toSlotJson } from "./slot-json";
import { computeFreeSlots } from "./slots.server";

/*
 * What the availability pages (a provider's, and the community organiser's for the centre's own activities)
 * load and do. The routes stay thin: they check access, name the owner and render.
 */

export async function loadAvailabilityPage(owner: Owner, query: CalendarQuery) {
  const offerFilter = query.offerId ?? "";
  const slotScope = owner.providerId ? { scope: { providerId: owner.providerId } } : { scope: { cusId: owner.cusId! }, filter: { providerKind: "centre" as const } };
  const [offers, places, team, availability, upcoming, feed] = await Promise.all([
    listPlannableOffers(owner),
    listLocations(owner),
    owner.providerId ? listTeam({ providerId: owner.providerId }) : Promise.resolve([]),
    listAvailability(owner),
    computeFreeSlots({ ...slotScope, from: query.from, to: query.to, offerId: query.offerId }),
    owner.providerId ? getFeedStatus({ providerId: owner.providerId }) : Promise.resolve(null),
  ]);
  const calendarQuery = new URLSearchParams({ ...(owner.providerId ? {} : { kind: "centre" }), ...(offerFilter ? { offer: offerFilter } : {}) }).toString();
  return {
    offerFilter,
    calendarQuery,
    today: warsawDate(clock.now()),
    range: { from: query.fromDay, to: query.toDay },
    offers: offers.map((o) => ({ value: o.id, label: o.name })),
    places: places.map((p) => ({ value: p.id, label: `${p.name} (${p.city})` })),
    staff: team.map((m) => ({ value: m.userId, label: m.name })),
    rules: availability.rules.map(({ rule, offerName, locationName }) => ({ ...rule, offerName, locationName, archivedAt: null, createdAt: rule.createdAt.toISOString() })),
    exceptions: availability.exceptions.map(({ exception, offerName }) => ({ ...exception, offerName, createdAt: exception.createdAt.toISOString() })),
    upcoming: upcoming.map(toSlotJson),
    feedCreatedAt: feed?.createdAt.toISOString() ?? null,
  };
}

export type AvailabilityActionResult =
  | { done: Omit<Feedback, "id"> }
  | { refused: { form: "rule" | "exception"; errors: Record<string, string> } }
  | { feedUrl: string };

const ruleRefusal = {
  not_found: { offerId: "availability.errors.offer" },
  forbidden_place: { locationId: "availability.errors.place" },
  forbidden_staff: { staffUserId: "availability.errors.staff" },
} as const;

/** Adds or ends weekly hours, adds or removes closures and openings, or renews the provider's feed address. */
export async function handleAvailabilityAction(
  action: AvailabilityAction,
  input: { owner: Owner; actor: Actor; feedBaseUrl: string },
): Promise<AvailabilityActionResult> {
  const { owner, actor } = input;
  const keptClosed = (closed: number) => (closed > 0 ? [{ message: "availability.keptClosed", params: { count: closed } }] : []);
  switch (action.intent) {
    case "feed": {
      if (!owner.providerId) throw notFound();
      const token = await regenerateFeedToken({ providerId: owner.providerId }, actor);
      return { feedUrl: `${input.feedBaseUrl}/feeds/${token}.ics` };
    }
    case "add-rule": {
      const result = await createAvailabilityRule({ owner, rule: withoutIntent(action), actor });
      if (!result.ok) return { refused: { form: "rule", errors: { ...ruleRefusal[result.reason] } } };
      return { done: { kind: "success", message: "availability.done.rule", params: { count: result.added } } };
    }
    case "add-exception": {
      const result = await createAvailabilityException({ owner, exception: withoutIntent(action), actor });
      if (!result.ok) return { refused: { form: "exception", errors: result.reason === "forbidden_place" ? { locationId: "availability.errors.place" } : { offerId: "availability.errors.offer" } } };
      return { done: { kind: "success", message: `availability.done.${action.kind}`, lines: keptClosed(result.closed) } };
    }
    case "end-rule":
    case "remove-exception": {
      const result = action.intent === "end-rule" ? await archiveAvailabilityRule({ owner, ruleId: action.id, actor }) : await deleteAvailabilityException({ owner, exceptionId: action.id, actor });
      if (!result.ok) throw notFound();
      return { done: { kind: "success", message: `availability.done.${action.intent}`, lines: keptClosed(result.closed) } };
    }
  }
}

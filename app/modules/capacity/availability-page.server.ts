import { getFeedStatus, regenerateFeedToken } from "~/modules/booking/calendar-feeds.server";
import { listLocations } from "~/modules/directory/offers.server";
import type { Actor } from "~/modules/directory/providers.server";
import { listTeam } from "~/modules/identity/memberships.server";
import { fieldErrors, formValues } from "~/utils/forms";
import { warsawDate } from "./availability";
import { exceptionFormSchema, ruleFormSchema } from "./availability-form";
import {
  archiveAvailabilityRule,
  createAvailabilityException,
  createAvailabilityRule,
  deleteAvailabilityException,
  listAvailability,
  listPlannableOffers,
  type CapacityOwner,
} from "./availability.server";
import { parseCalendarQuery } from "./calendar-query";
import { toSlotJson } from "./slot-json";
import { computeFreeSlots } from "./slots.server";

/*
 * What the availability pages (a provider's, and the community organiser's for the centre's own activities)
 * load and do. The routes stay thin: they check access, name the owner and render.
 */

export async function loadAvailabilityPage(owner: CapacityOwner, url: URL) {
  const query = parseCalendarQuery(url.searchParams);
  const offerFilter = url.searchParams.get("offer") ?? "";
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
    today: warsawDate(new Date()),
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

export type AvailabilityFormState = { form: string; errors: Record<string, string>; values: Record<string, string | string[]>; feedUrl?: string };
export type AvailabilityActionResult = { redirect: string } | { state: AvailabilityFormState; status: number };

const ruleRefusal = {
  not_found: { offerId: "availability.errors.offer" },
  forbidden_place: { locationId: "availability.errors.place" },
  forbidden_staff: { staffUserId: "availability.errors.staff" },
} as const;

/** Adds or ends weekly hours, adds or removes closures and openings, or renews the provider's feed address. */
export async function handleAvailabilityAction(
  formData: FormData,
  input: { owner: CapacityOwner; actor: Actor; basePath: string; feedBaseUrl: string },
): Promise<AvailabilityActionResult> {
  const { owner, actor, basePath } = input;
  const intent = String(formData.get("intent") ?? "");
  const values: Record<string, string | string[]> = { ...formValues(formData), weekdays: formData.getAll("weekdays").map(String) };
  const fail = (form: string, errors: Record<string, string>) => ({ state: { form, errors, values }, status: 400 });

  if (intent === "feed" && owner.providerId) {
    const token = await regenerateFeedToken({ providerId: owner.providerId }, actor);
    return { state: { form: "feed", errors: {}, values: {}, feedUrl: `${input.feedBaseUrl}/feeds/${token}.ics` }, status: 200 };
  }
  if (intent === "add-rule") {
    const parsed = ruleFormSchema.safeParse(values);
    if (!parsed.success) return fail("rule", fieldErrors(parsed.error));
    const result = await createAvailabilityRule({ owner, rule: parsed.data, actor });
    if (!result.ok) return fail("rule", { ...ruleRefusal[result.reason] });
    return { redirect: `${basePath}?done=rule&added=${result.added}` };
  }
  if (intent === "add-exception") {
    const parsed = exceptionFormSchema.safeParse(values);
    if (!parsed.success) return fail("exception", fieldErrors(parsed.error));
    const result = await createAvailabilityException({ owner, exception: parsed.data, actor });
    if (!result.ok) return fail("exception", result.reason === "forbidden_place" ? { locationId: "availability.errors.place" } : { offerId: "availability.errors.offer" });
    return { redirect: `${basePath}?done=${parsed.data.kind}&closed=${result.closed}` };
  }
  if (intent === "end-rule" || intent === "remove-exception") {
    const id = String(formData.get("id") ?? "");
    const result = intent === "end-rule" ? await archiveAvailabilityRule({ owner, ruleId: id, actor }) : await deleteAvailabilityException({ owner, exceptionId: id, actor });
    if (!result.ok) throw new Response("Not found", { status: 404 });
    return { redirect: `${basePath}?done=${intent}&closed=${result.closed}` };
  }
  return fail("", { form: "errors.formErrors" });
}

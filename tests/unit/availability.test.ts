import { expandAvailability, respectsNotice, type Exception, type Rule } from "~/modules/capacity/availability";
import { isPolishPublicHoliday } from "~/modules/capacity/holidays";

const warsaw = new Intl.DateTimeFormat("pl-PL", { timeZone: "Europe/Warsaw", weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
const local = (d: Date) => warsaw.format(d);

function rule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: "r1",
    offerId: "o1",
    providerId: "p1",
    locationId: "l1",
    staffUserId: null,
    weekdays: [1, 2, 3, 4, 5],
    startTime: "09:00",
    endTime: "12:00",
    validFrom: "2026-01-01",
    validTo: null,
    kind: "slots",
    slotMinutes: 60,
    bufferMinutes: 0,
    seats: 1,
    minNoticeHours: 24,
    horizonDays: 90,
    openOnHolidays: false,
    ...overrides,
  };
}

function exception(overrides: Partial<Exception>): Exception {
  return { id: "e1", providerId: "p1", offerId: null, locationId: null, staffUserId: null, kind: "closure", startsOn: "2026-01-01", endsOn: "2026-01-01", startTime: null, endTime: null, seats: null, slotMinutes: null, ...overrides };
}

describe("weekly availability in Europe/Warsaw", () => {
  it("keeps a weekly 9:00 slot at 9:00 local time across both DST changes", () => {
    // 2026: summer time starts Sunday 29 March, ends Sunday 25 October.
    const tuesdays = expandAvailability({ rules: [rule({ weekdays: [2], endTime: "10:00" })], exceptions: [], from: "2026-03-24", to: "2026-11-03" });
    const times = tuesdays.map((s) => local(s.startsAt));
    expect(times[0]).toBe("wt., 24.03.2026, 09:00");
    expect(times[1]).toBe("wt., 31.03.2026, 09:00");
    expect(times.at(-2)).toBe("wt., 27.10.2026, 09:00");
    expect(times.at(-1)).toBe("wt., 03.11.2026, 09:00");
    expect(times.every((t) => t.endsWith("09:00"))).toBe(true);
    // The instants differ by the offset: 08:00Z in winter, 07:00Z in summer.
    expect(tuesdays[0]!.startsAt.toISOString()).toBe("2026-03-24T08:00:00.000Z");
    expect(tuesdays[1]!.startsAt.toISOString()).toBe("2026-03-31T07:00:00.000Z");
    expect(tuesdays.at(-1)!.startsAt.toISOString()).toBe("2026-11-03T08:00:00.000Z");
  });

  it("a slot on the night of the change lasts its real length", () => {
    const sunday = expandAvailability({ rules: [rule({ weekdays: [7], startTime: "01:00", endTime: "04:00", slotMinutes: 180, openOnHolidays: true })], exceptions: [], from: "2026-10-25", to: "2026-10-25" });
    expect(sunday).toHaveLength(1);
    // 01:00 CEST → 04:00 CET is four real hours (the clock goes back at 3:00).
    expect((sunday[0]!.endsAt.getTime() - sunday[0]!.startsAt.getTime()) / 3_600_000).toBe(4);
  });

  it("closes public holidays (11 November, 24 December) unless the rule is open on holidays", () => {
    expect(isPolishPublicHoliday("2026-11-11")).toBe(true);
    expect(isPolishPublicHoliday("2026-12-24")).toBe(true);
    expect(isPolishPublicHoliday("2026-11-12")).toBe(false);
    const week = expandAvailability({ rules: [rule({ endTime: "10:00" })], exceptions: [], from: "2026-11-09", to: "2026-11-13" });
    expect(week.map((s) => local(s.startsAt).slice(0, 14))).toEqual(["pon., 09.11.20", "wt., 10.11.202", "czw., 12.11.20", "pt., 13.11.202"]);
    const open = expandAvailability({ rules: [rule({ endTime: "10:00", openOnHolidays: true })], exceptions: [], from: "2026-11-11", to: "2026-11-11" });
    expect(open).toHaveLength(1);
  });

  it("an opening reopens a holiday, and adds slots with their own seats", () => {
    const opening = exception({ id: "x1", kind: "opening", offerId: "o1", startsOn: "2026-11-11", endsOn: "2026-11-11", startTime: "10:00", endTime: "12:00", seats: 3, slotMinutes: 60 });
    const slots = expandAvailability({ rules: [rule({ startTime: "09:00", endTime: "10:00" })], exceptions: [opening], from: "2026-11-11", to: "2026-11-11" });
    expect(slots.map((s) => [local(s.startsAt).slice(-5), s.capacity, s.sourceKey])).toEqual([
      ["09:00", 1, "rule:r1"],
      ["10:00", 3, "opening:x1"],
      ["11:00", 3, "opening:x1"],
    ]);
  });

  it("a closure overrides the rule: whole days, or only the hours it names", () => {
    const sickLeave = exception({ startsOn: "2026-12-01", endsOn: "2026-12-02" });
    const dentist = exception({ id: "e2", offerId: "o1", startsOn: "2026-12-03", endsOn: "2026-12-03", startTime: "10:30", endTime: "11:00" });
    const slots = expandAvailability({ rules: [rule()], exceptions: [sickLeave, dentist], from: "2026-12-01", to: "2026-12-03" });
    expect(slots.map((s) => local(s.startsAt))).toEqual(["czw., 03.12.2026, 09:00", "czw., 03.12.2026, 11:00"]);
    // Another provider's closure, or one for another place, changes nothing.
    const elsewhere = [exception({ providerId: "p2", startsOn: "2026-12-01", endsOn: "2026-12-01" }), exception({ id: "e3", locationId: "l2", startsOn: "2026-12-01", endsOn: "2026-12-01" })];
    expect(expandAvailability({ rules: [rule()], exceptions: elsewhere, from: "2026-12-01", to: "2026-12-01" })).toHaveLength(3);
  });

  it("leaves the buffer between slots and respects valid-from/to", () => {
    const slots = expandAvailability({ rules: [rule({ startTime: "09:00", endTime: "12:00", slotMinutes: 50, bufferMinutes: 10, validFrom: "2026-12-02", validTo: "2026-12-02" })], exceptions: [], from: "2026-12-01", to: "2026-12-03" });
    expect(slots.map((s) => `${local(s.startsAt).slice(-5)}–${local(s.endsAt).slice(-5)}`)).toEqual(["09:00–09:50", "10:00–10:50", "11:00–11:50"]);
  });

  it("a whole-day place gives one slot a day with all its places", () => {
    const dayCare = expandAvailability({ rules: [rule({ kind: "day", slotMinutes: null, startTime: "07:30", endTime: "15:30", seats: 20 })], exceptions: [], from: "2026-12-07", to: "2026-12-13" });
    expect(dayCare).toHaveLength(5);
    expect(dayCare.every((s) => s.wholeDay && s.capacity === 20)).toBe(true);
    expect(local(dayCare[0]!.startsAt)).toBe("pon., 07.12.2026, 07:30");
    expect(local(dayCare[0]!.endsAt)).toBe("pon., 07.12.2026, 15:30");
  });

  it("minimum notice: a slot tomorrow at 9:00 with 24 hours' notice is bookable until 9:00 today", () => {
    const [slot] = expandAvailability({ rules: [rule({ endTime: "10:00" })], exceptions: [], from: "2026-12-08", to: "2026-12-08" });
    expect(respectsNotice(slot!, new Date("2026-12-07T07:59:00Z"))).toBe(true);
    expect(respectsNotice(slot!, new Date("2026-12-07T08:01:00Z"))).toBe(false);
  });
});

import { visitStatus } from "~/modules/booking/visit-status";

describe("one status for a visit", () => {
  const now = new Date("2026-03-02T10:00:00Z");
  it.each([
    [{ status: "active", attendance: null, startsAt: "2026-03-03T09:00:00Z" }, "booked"],
    [{ status: "active", attendance: null, startsAt: "2026-03-02T09:00:00Z" }, "to_record"],
    [{ status: "active", attendance: "delivered", startsAt: "2026-03-01T09:00:00Z" }, "delivered"],
    [{ status: "active", attendance: "no_show", startsAt: "2026-03-01T09:00:00Z" }, "no_show"],
    [{ status: "cancelled", attendance: null, startsAt: "2026-03-01T09:00:00Z" }, "cancelled"],
    [{ status: "cancelled", attendance: null, startsAt: "2026-03-05T09:00:00Z" }, "cancelled"],
  ])("%o is %s", (visit, expected) => {
    expect(visitStatus(visit, now)).toBe(expected);
  });
});

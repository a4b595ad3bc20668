import { lazy, Suspense, useSyncExternalStore } from "react";
import type { SlotJson } from "~/modules/capacity/slot-json";
import { useT } from "~/utils/i18n-react";

/** What a selection on the calendar means in Warsaw wall-clock time (the calendar shows Warsaw time as UTC). */
export type SelectedRange = { date: string; weekday: number; startTime: string; endTime: string; endDate: string };

export type SlotCalendarProps = {
  query: string;
  label: string;
  initialDate?: string;
  slotHref: (slot: SlotJson) => string;
  /** Colour per provider (shared calendar); without it, free slots are blue and full ones grey. */
  colours?: Record<string, string>;
  onSelectRange?: (range: SelectedRange) => void;
};

// FullCalendar adds a <style> element to <head> as soon as it is imported; importing it only after
// hydration keeps the server-rendered document and the browser's in step.
const SlotCalendarView = lazy(() => import("./SlotCalendarView"));
const noSubscription = () => () => {};

/**
 * FullCalendar (week, month, list) over /api/slots, rendered in the browser only. The pages around it list the
 * same slots as a table, so they work without JavaScript and for screen readers. Slots are links, so each
 * event is reachable with the keyboard.
 */
export function SlotCalendar(props: SlotCalendarProps) {
  const t = useT();
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const loading = <p className="muted">{t("calendar.loading")}</p>;
  if (!hydrated) return loading;
  return (
    <Suspense fallback={loading}>
      <SlotCalendarView {...props} />
    </Suspense>
  );
}

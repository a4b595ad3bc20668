import { lazy, Suspense, useSyncExternalStore } from "react";
import type { SlotCalendarProps } from "./slot-calendar-props";
import { useT } from "~/utils/i18n-react";

export type { SelectedRange, SlotCalendarProps } from "./slot-calendar-props";

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

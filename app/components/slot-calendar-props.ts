import type { SlotJson } from "~/modules/capacity/slot-json";

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

import type { DateSelectArg, EventInput, EventSourceFuncArg } from "@fullcalendar/core";
import enLocale from "@fullcalendar/core/locales/en-gb";
import plLocale from "@fullcalendar/core/locales/pl";
import ukLocale from "@fullcalendar/core/locales/uk";
import dayGridPlugin from "@fullcalendar/daygrid";
import interactionPlugin from "@fullcalendar/interaction";
import listPlugin from "@fullcalendar/list";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import type { SlotJson } from "~/modules/capacity/slot-json";
import { useLocale, useT } from "~/utils/i18n-react";
import { colourOf } from "~/utils/provider-colour";
import type { SlotCalendarProps } from "./slot-calendar-props";

function wallClock(d: Date) {
  return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

/** FullCalendar itself; loaded by SlotCalendar only after hydration (see there). */
export default function SlotCalendarView({ query, label, initialDate, slotHref, colours, onSelectRange }: SlotCalendarProps) {
  const t = useT();
  const locale = useLocale();
  const loadEvents = async (info: EventSourceFuncArg): Promise<EventInput[]> => {
    const params = new URLSearchParams(query);
    params.set("start", info.startStr.slice(0, 10));
    params.set("end", info.endStr.slice(0, 10));
    const response = await fetch(`/api/slots?${params.toString()}`, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`slots ${response.status}`);
    const body = (await response.json()) as { slots: SlotJson[] };
    return body.slots.map((s) => {
      const state = s.closed ? t("calendar.closed") : s.free === 0 ? t("calendar.full") : t("calendar.free", { count: s.free, capacity: s.capacity });
      const colour = colours ? colourOf(colours, s.providerId) : s.free === 0 || s.closed ? "#4a5560" : "#0b4f6c";
      return {
        id: s.id,
        title: `${s.offerName}${colours && s.providerName ? ` – ${s.providerName}` : ""} · ${state}`,
        start: s.localStart,
        end: s.localEnd,
        url: slotHref(s),
        backgroundColor: colour,
        borderColor: colour,
        classNames: s.closed ? ["slot", "slot--closed"] : s.free === 0 ? ["slot", "slot--full"] : ["slot"],
      };
    });
  };

  const select = (info: DateSelectArg) => {
    if (!onSelectRange) return;
    const day = info.start.getUTCDay();
    const end = new Date(info.end.getTime() - 1);
    onSelectRange({
      date: info.startStr.slice(0, 10),
      endDate: end.toISOString().slice(0, 10),
      weekday: day === 0 ? 7 : day,
      startTime: info.allDay ? "08:00" : wallClock(info.start),
      endTime: info.allDay ? "16:00" : wallClock(info.end),
    });
  };

  return (
    <section className="calendar" aria-label={label}>
      <FullCalendar
        plugins={[timeGridPlugin, dayGridPlugin, listPlugin, interactionPlugin]}
        initialView="timeGridWeek"
        initialDate={initialDate}
        headerToolbar={{ left: "prev,next today", center: "title", right: "timeGridWeek,dayGridMonth,listWeek" }}
        locales={[plLocale, enLocale, ukLocale]}
        locale={locale === "en" ? "en-gb" : locale}
        timeZone="UTC"
        firstDay={1}
        slotMinTime="07:00:00"
        slotMaxTime="20:00:00"
        allDaySlot={false}
        height="auto"
        nowIndicator={false}
        selectable={!!onSelectRange}
        selectMirror
        select={select}
        events={loadEvents}
        // Words instead of icon glyphs: "Poprzedni"/"Następny" read well and need no alternative text.
        buttonIcons={false}
        // FullCalendar's "+3 more" links carry aria-expanded without a role.
        moreLinkDidMount={(info) => info.el.setAttribute("role", "button")}
        eventMaxStack={3}
        dayMaxEvents
        eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        slotLabelFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
      />
    </section>
  );
}

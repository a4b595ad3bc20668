import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderFeed } from "~/modules/booking/calendar-feeds.server";
import { appUrl } from "~/utils/env.server";

/** A secret iCalendar feed: `/feeds/<token>.ics`, subscribed from Google Calendar, Outlook or Apple Calendar. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const body = await renderFeed(token, appUrl(request));
  if (body === null) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="cus.ics"',
      "Cache-Control": "private, max-age=300",
      "X-Robots-Tag": "noindex",
    },
  });
}

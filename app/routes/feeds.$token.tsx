import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { renderFeed } from "~/modules/booking/calendar-feeds.server";
import { token } from "~/modules/kernel/input";
import { appUrl } from "~/utils/env.server";

/** A secret iCalendar feed: `/feeds/<token>.ics`, subscribed from Google Calendar, Outlook or Apple Calendar. */
/** The path is the secret: "<token>.ics". */
const FeedParams = z.object({ token: z.string().transform((v) => v.replace(/\.ics$/, "")).pipe(token()) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = FeedParams.safeParse(params);
  const body = token.success ? await renderFeed(token.data.token, appUrl(request)) : null;
  if (body === null) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="cus.ics"',
      // Residents' visits: never kept by a cache on the way.
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}

import { createCookie, redirect } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { env, isProduction } from "~/utils/env.server";
import type { Feedback, FeedbackLine } from "./feedback";

export type { Feedback, FeedbackLine };

/*
 * What an action answers when it succeeds: the person is sent back to a page (the one they were on, or the new
 * record's) and the result travels in a short-lived cookie that the next page shows once, in the one feedback
 * region at the top of the content: focused and scrolled into view with JavaScript, and without it at the top
 * of a freshly loaded page. (No #feedback in the address: a redirect that changes only the fragment would not
 * reload the page's data.) A refusal instead answers in place (refuse/refuseInput), so nothing typed is lost.
 */

const feedbackCookie = createCookie("cus_feedback", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: isProduction(),
  maxAge: 120,
  secrets: [env().SESSION_SECRET ?? "development-only-secret-do-not-use-in-production"],
});

/** The page a form was posted from, without Remix's `index` marker: where a person goes back to. */
export function pageOf(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("_data");
  const search = url.searchParams.toString();
  return `${url.pathname}${search ? `?${search}` : ""}`;
}

/** Redirects to `to` (the page posted from when omitted), carrying the result to show there. */
export async function done(request: Request, feedback: Omit<Feedback, "id">, to: string = pageOf(request), init: { headers?: HeadersInit } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await feedbackCookie.serialize({ ...feedback, id: randomUUID() } satisfies Feedback));
  return redirect(to, { headers });
}

/** The result waiting for this page, if any, and the header that forgets it (it is shown once). */
export async function takeFeedback(request: Request): Promise<{ feedback: Feedback | null; headers: HeadersInit }> {
  const header = request.headers.get("Cookie");
  if (!header?.includes("cus_feedback=")) return { feedback: null, headers: {} };
  const value = (await feedbackCookie.parse(header)) as Feedback | null;
  const clear = await feedbackCookie.serialize("", { maxAge: 0 });
  return { feedback: value && typeof value.message === "string" ? value : null, headers: { "Set-Cookie": clear } };
}

import { useActionData } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import type { Feedback as FeedbackData } from "~/modules/kernel/feedback";
import { useT } from "~/utils/i18n-react";

/**
 * The result of what the person just did, where their eyes go next: announced (status, or alert for a refusal),
 * focused and scrolled into view each time a new result arrives: `focusKey`, or by default the route's latest
 * action answer (a refusal shown in place). Without JavaScript the answer is a freshly loaded page, which
 * opens at its top, where the region is.
 */
export function Feedback({ kind, focusKey, id, children }: { kind: "success" | "error"; focusKey?: unknown; id?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const answer = useActionData();
  const key = focusKey === undefined ? answer : focusKey;
  useEffect(() => {
    const element = ref.current;
    if (!element || !key) return;
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "center" });
  }, [key]);
  return (
    <div ref={ref} id={id} tabIndex={-1} className={`notice notice--${kind} feedback`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/** The page's one feedback region: the result an action sent the person here with (see kernel/feedback.server). */
export function FeedbackRegion({ feedback }: { feedback: FeedbackData | null }) {
  const t = useT();
  if (!feedback) return null;
  // The key was chosen by the action that sent the person here; it names a message of the dictionary.
  const say = t as unknown as (message: string, params?: Record<string, string | number>) => string;
  return (
    <Feedback kind={feedback.kind} focusKey={feedback.id} id="feedback">
      <p>{say(feedback.message, feedback.params)}</p>
      {feedback.lines?.length ? (
        <ul>
          {feedback.lines.map((line, i) => (
            <li key={i}>{say(line.message, line.params)}</li>
          ))}
        </ul>
      ) : null}
    </Feedback>
  );
}

/** One line under a result: a message key with its values ("booked on Monday 3 March at 10:00"). */
export type FeedbackLine = { message: string; params?: Record<string, string | number> };

/** The result of an action, shown once on the next page: a message key (i18n) with its values. */
export type Feedback = {
  id: string;
  kind: "success" | "error";
  message: string;
  params?: Record<string, string | number>;
  lines?: FeedbackLine[];
};

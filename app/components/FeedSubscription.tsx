import { Form } from "@remix-run/react";
import { Field } from "~/components/Field";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";

/**
 * The secret calendar address: made on request, shown once (only its fingerprint is kept), replaced
 * when lost or leaked. Explains how to subscribe in the common calendar apps.
 */
export function FeedSubscription({ createdAt, newUrl, intentName = "intent" }: { createdAt: string | null; newUrl: string | null; intentName?: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="feed-title">
      <h2 id="feed-title">{t("feed.title")}</h2>
      <p>{t("feed.intro")}</p>
      {newUrl ? (
        <>
          <Field name="feedUrl" label={t("feed.address")} hint={t("feed.copyNow")} defaultValue={newUrl} readOnly />
          <ul>
            <li>{t("feed.google")}</li>
            <li>{t("feed.outlook")}</li>
            <li>{t("feed.apple")}</li>
          </ul>
        </>
      ) : createdAt ? (
        <p>{t("feed.exists", { date: formatDateTime(createdAt, locale) })}</p>
      ) : null}
      <Form method="post">
        <button type="submit" name={intentName} value="feed" className="button">
          {createdAt || newUrl ? t("feed.regenerate") : t("feed.create")}
        </button>
      </Form>
      {createdAt || newUrl ? <p className="muted">{t("feed.regenerateHint")}</p> : null}
    </section>
  );
}

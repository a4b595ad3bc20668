import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, readParams } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";
import { getMailboxMessage, requireMailbox } from "~/modules/notifications/mailbox.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mailbox.title");

const MessageParams = z.object({ id: id() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMailbox(request, context);
  const message = await getMailboxMessage(readParams(params, MessageParams).id);
  if (!message) throw notFound();
  return { id: message.id, to: message.to, subject: message.subject, text: message.text, createdAt: message.createdAt.toISOString() };
}

export default function MailboxMessage() {
  const m = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p>
        <Link to="/dev/mailbox">{t("mailbox.back")}</Link>
      </p>
      <h1>{m.subject}</h1>
      <dl className="details">
        <dt>{t("mailbox.to")}</dt>
        <dd>{m.to}</dd>
        <dt>{t("mailbox.received")}</dt>
        <dd>{formatDateTime(m.createdAt, locale)}</dd>
      </dl>
      <section className="panel" aria-labelledby="text-title">
        <h2 id="text-title">{t("mailbox.text")}</h2>
        <pre className="email-text">{m.text}</pre>
      </section>
      <section className="panel" aria-labelledby="html-title">
        <h2 id="html-title">{t("mailbox.html")}</h2>
        <iframe className="email-frame" title={`${t("mailbox.html")}: ${m.subject}`} src={`/dev/mailbox/${m.id}/html`} sandbox="" />
      </section>
    </>
  );
}

import { eq } from "drizzle-orm";
import { centres, payments } from "@db/schema";
import type { StatementNoticeKind } from "@emails/statement-notice";
import { enqueueEmail, type OutboxHandler } from "~/modules/notifications/outbox.server";
import { appUrl } from "~/utils/env.server";
import { isLocale } from "~/utils/i18n";
import { outstandingOf, statementsWithPayers } from "./statements.server";

/*
 * Statement emails, composed by the outbox worker from a small notice queued with the change (issuing a month
 * queues thousands at once): the statement with its PDF and where to pay, the one reminder after the due date,
 * the receipt after a payment, and a pay link a coordinator sends to a family member who pays for the resident.
 */

export type StatementNotice = { statementId: string; kind: StatementNoticeKind; paymentId?: string; to?: string; payUrl?: string };

export const statementNoticeHandler: OutboxHandler = async (message, { db }) => {
  const notice = message.payload as StatementNotice;
  const [row] = await statementsWithPayers([notice.statementId], db);
  if (!row) return;
  // Paid (or waived) before the email went out: no statement or reminder asks for money no longer owed.
  if (notice.kind !== "receipt" && outstandingOf(row.statement) === 0) return;
  const to = notice.to ?? (row.contactPreference === "do_not_contact" ? null : row.email);
  if (!to) return; // A resident without email gets the statement on paper, at the desk.
  const [centre] = await db.select({ name: centres.name }).from(centres).where(eq(centres.id, row.statement.cusId));
  const locale = isLocale(row.language) ? row.language : "pl";
  let amount = outstandingOf(row.statement) || row.statement.totalGrosze;
  if (notice.kind === "receipt" && notice.paymentId) {
    const [payment] = await db.select({ amount: payments.amountGrosze }).from(payments).where(eq(payments.id, notice.paymentId));
    amount = payment?.amount ?? amount;
  }
  const base = appUrl();
  await enqueueEmail(
    db,
    {
      to,
      template: "statement-notice",
      props: {
        locale,
        centreName: centre?.name ?? "",
        kind: notice.kind,
        recipientName: notice.to ? null : row.firstName,
        payerName: `${row.firstName} ${row.lastName}`,
        reference: row.statement.reference,
        month: row.statement.month,
        amountGrosze: amount,
        dueOn: row.statement.dueOn,
        // A pay link's reader has no account: the link is all they get (and the PDF stays with the resident).
        payUrl: notice.payUrl ?? `${base}/me/statements/${row.statement.id}`,
        pdfUrl: notice.payUrl ? null : `${base}/me/statements/${row.statement.id}/pdf`,
      },
    },
    { cusId: row.statement.cusId, key: `email:${message.key}` },
  );
};

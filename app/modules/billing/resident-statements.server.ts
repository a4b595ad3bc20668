import { eq } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centres, statements } from "@db/schema";
import { getT, type Locale } from "~/utils/i18n";
import { renderStatementPdf } from "./statement-pdf.server";
import type { Actor } from "~/modules/kernel/actor";
import { auditForeignAttempt } from "~/modules/kernel/audit.server";
import { isUuid } from "~/modules/kernel/ids";
import { statementMoney } from "./payments.server";
import { getStatement, outstandingOf } from "./statements.server";

/**
 * A statement as its payer reads it. Another payer's statement is refused and the attempt audited ("forbidden");
 * one that does not exist is "not_found".
 */
export async function readOwnStatement(input: { cusId: string; statementId: string; payerId: string; actor: Actor }, db: Database = getDb()) {
  const found = await getStatement(input.cusId, input.statementId, {}, db);
  if (!found) {
    // Another centre's statement: refused as not found here, and the attempt audited in the centre that owns it.
    if (isUuid(input.statementId)) await auditForeignAttempt(db, input.actor, { table: statements, id: input.statementId, entityType: "statement", action: "statement.read" });
    return { ok: false as const, reason: "not_found" as const };
  }
  if (found.statement.payerId !== input.payerId) {
    await auditForeignAttempt(db, input.actor, { table: statements, id: input.statementId, entityType: "statement", action: "statement.read" });
    return { ok: false as const, reason: "forbidden" as const };
  }
  const money = await statementMoney(found.statement.id, db);
  return { ok: true as const, ...found, money, outstandingGrosze: outstandingOf(found.statement) };
}

/** The PDF of a statement already read by someone allowed to (its payer, or finance), in the given language. */
export async function statementPdf(found: NonNullable<Awaited<ReturnType<typeof getStatement>>>, locale: Locale, db: Database = getDb()): Promise<Buffer> {
  const [centre] = await db.select().from(centres).where(eq(centres.id, found.statement.cusId));
  const t = getT(locale);
  return renderStatementPdf(
    {
      centre: { name: centre?.name ?? "", street: centre?.street ?? null, postalCode: centre?.postalCode ?? null, city: centre?.city ?? "" },
      payer: { name: `${found.payerFirstName} ${found.payerLastName}`, street: found.payerStreet, postalCode: found.payerPostalCode, city: found.payerCity },
      statement: { ...found.statement, statusLabel: t(`billing.statusLabels.${found.statement.status}`), outstandingGrosze: outstandingOf(found.statement) },
      lines: found.lines,
    },
    locale,
  );
}

/** The PDF as a download. */
export function pdfResponse(pdf: Buffer, reference: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${reference.replace(/\//g, "-")}.pdf"`, "Cache-Control": "private, no-store" },
  });
}

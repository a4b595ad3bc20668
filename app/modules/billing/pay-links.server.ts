import { and, eq, gt } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centres, payLinks, residents, statements } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { isUuid } from "~/modules/kernel/ids";
import { hashToken, randomToken } from "~/modules/identity/tokens.server";
import { enqueue } from "~/modules/notifications/outbox.server";
import { outstandingOf } from "./statements.server";

/*
 * A pay link: many residents over 80 have a daughter or a neighbour who pays for them. A coordinator sends that
 * person a link (valid 30 days) to one statement; it opens a page with the amount and a pay button, and nothing
 * else of the resident's. Only the token's hash is stored.
 */

export const PAY_LINK_DAYS = 30;

export async function sendPayLink(
  input: { cusId: string; statementId: string; email: string; actor: Actor; now: Date; baseUrl: string },
  db: Database = getDb(),
): Promise<{ ok: true } | { ok: false; reason: "not_found" | "nothing_owed" }> {
  if (!isUuid(input.statementId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [statement] = await tx.select().from(statements).where(and(eq(statements.id, input.statementId), eq(statements.cusId, input.cusId)));
    if (!statement) return { ok: false as const, reason: "not_found" as const };
    if (outstandingOf(statement) === 0) return { ok: false as const, reason: "nothing_owed" as const };
    const token = randomToken();
    const [link] = await tx
      .insert(payLinks)
      .values({ cusId: input.cusId, statementId: statement.id, tokenHash: hashToken(token), email: input.email, expiresAt: new Date(input.now.getTime() + PAY_LINK_DAYS * 86_400_000), createdBy: input.actor.userId, createdAt: input.now })
      .returning();
    await enqueue(tx, "statement-notice", { statementId: statement.id, kind: "pay_link", to: input.email, payUrl: `${input.baseUrl}/pay/${token}` }, { key: `statement-notice:pay_link:${link!.id}`, cusId: input.cusId });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "statement.pay_link_sent", entityType: "statement", entityId: statement.id, after: { email: input.email } });
    return { ok: true as const };
  });
}

/** What a pay link opens: the statement's amount and reference, the centre, and the payer's first name only. */
export async function openPayLink(token: string, now: Date, db: Database = getDb()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({ statement: statements, centreName: centres.name, firstName: residents.firstName, lastName: residents.lastName })
    .from(payLinks)
    .innerJoin(statements, eq(statements.id, payLinks.statementId))
    .innerJoin(centres, eq(centres.id, payLinks.cusId))
    .innerJoin(residents, eq(residents.id, statements.payerId))
    .where(and(eq(payLinks.tokenHash, hashToken(token)), gt(payLinks.expiresAt, now)));
  if (!row) return null;
  return { statement: row.statement, centreName: row.centreName, payerShortName: `${row.firstName} ${row.lastName.slice(0, 1)}.`, outstandingGrosze: outstandingOf(row.statement) };
}

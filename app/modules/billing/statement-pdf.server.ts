import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { explainCharge } from "./explain";
import { formatDate, formatMoney, formatMonth } from "~/utils/format";
import { getT, type Locale } from "~/utils/i18n";

/*
 * A statement as a PDF (pdfkit), in the payer's language, with a font that has every Polish and Ukrainian
 * letter (DejaVu Sans). What it says matches the statement page line for line.
 */

const require = createRequire(import.meta.url);
const FONT = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

export type StatementForPdf = {
  centre: { name: string; street: string | null; postalCode: string | null; city: string };
  payer: { name: string; street: string | null; postalCode: string | null; city: string | null };
  statement: { reference: string; month: string; issuedOn: string; dueOn: string; totalGrosze: number; paidGrosze: number; refundedGrosze: number; statusLabel: string; outstandingGrosze: number };
  lines: { kind: string; description: string; serviceDate: string | null; unitsHundredths: number | null; amountGrosze: number; explanation: string | null }[];
};

export function renderStatementPdf(data: StatementForPdf, locale: Locale): Promise<Buffer> {
  const t = getT(locale);
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `${data.statement.reference}`, Author: data.centre.name } });
  doc.registerFont("body", FONT);
  doc.registerFont("bold", FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const money = (g: number) => formatMoney(g, locale);

  doc.font("bold").fontSize(11).text(data.centre.name);
  doc.font("body").fontSize(9).text([data.centre.street, [data.centre.postalCode, data.centre.city].filter(Boolean).join(" ")].filter(Boolean).join(", "));
  doc.moveDown(1.5);
  doc.font("bold").fontSize(16).text(t("billing.statementFor", { month: formatMonth(data.statement.month, locale) }));
  doc.moveDown(0.5);
  doc.font("body").fontSize(10);
  doc.text(`${t("billing.reference")}: ${data.statement.reference}`);
  doc.text(`${t("billing.desk.payer")}: ${data.payer.name}`);
  const address = [data.payer.street, [data.payer.postalCode, data.payer.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  if (address) doc.text(address);
  doc.text(`${t("billing.desk.issuedOn")}: ${formatDate(data.statement.issuedOn, locale)}`);
  doc.text(`${t("billing.due")}: ${formatDate(data.statement.dueOn, locale)}`);
  doc.text(`${t("billing.desk.status")}: ${data.statement.statusLabel}`);
  doc.moveDown(1);

  const columns = { item: 50, date: 230, units: 320, amount: 470 };
  const header = () => {
    doc.font("bold").fontSize(9);
    const y = doc.y;
    doc.text(t("billing.item"), columns.item, y, { width: 175 });
    doc.text(t("billing.date"), columns.date, y, { width: 85 });
    doc.text(t("billing.units"), columns.units, y, { width: 60 });
    doc.text(t("billing.amount"), columns.amount, y, { width: 75, align: "right" });
    doc.moveDown(0.4);
    doc.moveTo(50, doc.y).lineTo(545, doc.y).stroke();
    doc.moveDown(0.3);
    doc.font("body");
  };
  header();
  for (const line of data.lines) {
    if (doc.y > 740) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    const name = line.kind === "carried" || line.kind === "credit" ? t(`billing.lineKinds.${line.kind}`) : line.description;
    doc.fontSize(9).text(name, columns.item, y, { width: 175 });
    const afterName = doc.y;
    doc.text(line.serviceDate ? formatDate(line.serviceDate, locale) : "", columns.date, y, { width: 85 });
    doc.text(line.unitsHundredths === null ? "" : String(line.unitsHundredths / 100).replace(".", locale === "en" ? "." : ","), columns.units, y, { width: 60 });
    doc.text(money(line.amountGrosze), columns.amount, y, { width: 75, align: "right" });
    const why = explainCharge(t, locale, line.explanation);
    doc.y = Math.max(afterName, doc.y);
    if (why) doc.fontSize(8).fillColor("#444444").text(why, columns.item, doc.y, { width: 420 }).fillColor("#000000");
    doc.moveDown(0.4);
  }
  doc.moveTo(50, doc.y).lineTo(545, doc.y).stroke();
  doc.moveDown(0.5);
  const row = (label: string, value: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? "bold" : "body").fontSize(10).text(label, 300, y, { width: 160 });
    doc.text(value, columns.amount, y, { width: 75, align: "right" });
    doc.moveDown(0.2);
  };
  row(t("billing.total"), money(data.statement.totalGrosze), true);
  if (data.statement.paidGrosze) row(t("billing.paid"), money(data.statement.paidGrosze));
  if (data.statement.refundedGrosze) row(t("billing.refunded"), money(data.statement.refundedGrosze));
  row(t("billing.outstanding"), money(data.statement.outstandingGrosze), true);
  doc.moveDown(1.5);
  doc.font("body").fontSize(9).text(t("email.statement.howToPay", { reference: data.statement.reference }), 50, doc.y, { width: 495 });
  doc.end();
  return done;
}

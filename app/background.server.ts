import { startBillingWorker } from "~/modules/billing/billing-worker.server";
import { stripeCheckoutHandler } from "~/modules/billing/checkout.server";
import { statementNoticeHandler } from "~/modules/billing/statement-notices.server";
import { stripeRefundHandler } from "~/modules/billing/stripe-events.server";
import { connectAccountHandler } from "~/modules/settlements/payout-accounts.server";
import { settlementTransferHandler } from "~/modules/settlements/runs.server";
import { bookingNoticeHandler } from "~/modules/booking/booking-notices.server";
import { startBookingWorker } from "~/modules/booking/booking-worker.server";
import { startHorizonRoller } from "~/modules/capacity/horizon-worker.server";
import type { EmailSender } from "~/modules/notifications/email-sender.server";
import { emailHandler, startOutboxWorker, type OutboxHandlers } from "~/modules/notifications/worker.server";

/*
 * The portal's background work, wired in one place: the outbox's handler for each kind of message, and the
 * workers that run beside the web server. Modules queue messages; only this file knows who carries them out,
 * so the notifications module never imports the modules whose messages it carries.
 */

/** The handler of each outbox kind. */
export function outboxHandlers(options: { emailSender?: EmailSender } = {}): OutboxHandlers {
  return {
    email: emailHandler(options.emailSender),
    "booking-notice": bookingNoticeHandler,
    "statement-notice": statementNoticeHandler,
    "stripe-checkout": stripeCheckoutHandler,
    "stripe-refund": stripeRefundHandler,
    "stripe-connect-account": connectAccountHandler,
    "settlement-transfer": settlementTransferHandler,
  };
}

/** Called by server.ts once the server starts; returns a stop function. */
export function startBackgroundWork(): () => void {
  const stops = [startOutboxWorker(outboxHandlers()), startHorizonRoller(), startBookingWorker(), startBillingWorker()];
  return () => stops.forEach((stop) => stop());
}

CREATE TYPE "public"."statement_status" AS ENUM('issued', 'partly_paid', 'paid', 'overdue', 'waived', 'cancelled', 'carried_over');--> statement-breakpoint
CREATE TABLE "billing_months" (
	"cus_id" uuid NOT NULL,
	"month" date NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by" uuid,
	CONSTRAINT "billing_months_cus_id_month_pk" PRIMARY KEY("cus_id","month")
);
--> statement-breakpoint
CREATE TABLE "checkout_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"stripe_session_id" text NOT NULL,
	"url" text NOT NULL,
	"amount_grosze" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "copay_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"rule_version_id" uuid,
	"rule_id" uuid,
	"plan_id" uuid,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"description" text NOT NULL,
	"service_date" date NOT NULL,
	"units_hundredths" integer NOT NULL,
	"unit_price_grosze" integer NOT NULL,
	"amount_grosze" integer NOT NULL,
	"explanation" text NOT NULL,
	"gmina" text NOT NULL,
	"statement_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "copay_rule_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"cus_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"resolution_number" text NOT NULL,
	"resolution_date" date NOT NULL,
	"valid_from" date NOT NULL,
	"method" text NOT NULL,
	"flat_grosze" integer,
	"percent_bp" integer,
	"free_units" integer,
	"free_units_per" text,
	"monthly_cap_grosze" integer,
	"charge_no_show" boolean DEFAULT false NOT NULL,
	"charge_late_cancellation" boolean DEFAULT false NOT NULL,
	"reliefs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "copay_rule_versions_flat" CHECK ("copay_rule_versions"."method" <> 'flat' or "copay_rule_versions"."flat_grosze" > 0),
	CONSTRAINT "copay_rule_versions_percent" CHECK ("copay_rule_versions"."method" <> 'percent' or "copay_rule_versions"."percent_bp" between 1 and 10000),
	CONSTRAINT "copay_rule_versions_cap" CHECK ("copay_rule_versions"."monthly_cap_grosze" is null or "copay_rule_versions"."monthly_cap_grosze" > 0),
	CONSTRAINT "copay_rule_versions_quota" CHECK (("copay_rule_versions"."free_units" is null) = ("copay_rule_versions"."free_units_per" is null) and ("copay_rule_versions"."free_units" is null or "copay_rule_versions"."free_units" > 0))
);
--> statement-breakpoint
CREATE TABLE "copay_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"offer_id" uuid,
	"package_id" uuid,
	"area" smallint,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "copay_rules_scope" CHECK (("copay_rules"."scope" = 'offer' and "copay_rules"."offer_id" is not null) or ("copay_rules"."scope" = 'package' and "copay_rules"."package_id" is not null) or ("copay_rules"."scope" = 'area' and "copay_rules"."area" between 1 and 14))
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"method" text NOT NULL,
	"amount_grosze" integer NOT NULL,
	"refunded_grosze" integer DEFAULT 0 NOT NULL,
	"received_on" date NOT NULL,
	"document_number" text,
	"stripe_payment_intent_id" text,
	"stripe_checkout_session_id" text,
	"paid_with" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amounts" CHECK ("payments"."amount_grosze" > 0 and "payments"."refunded_grosze" between 0 and "payments"."amount_grosze")
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"method" text NOT NULL,
	"amount_grosze" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"stripe_refund_id" text,
	"failure_reason" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "refunds_amount" CHECK ("refunds"."amount_grosze" > 0)
);
--> statement-breakpoint
CREATE TABLE "resident_reliefs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"evidence" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "statement_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"charge_id" uuid,
	"description" text NOT NULL,
	"service_date" date,
	"units_hundredths" integer,
	"amount_grosze" integer NOT NULL,
	"explanation" text,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"month" date NOT NULL,
	"reference" text NOT NULL,
	"status" "statement_status" DEFAULT 'issued' NOT NULL,
	"total_grosze" integer NOT NULL,
	"paid_grosze" integer DEFAULT 0 NOT NULL,
	"refunded_grosze" integer DEFAULT 0 NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"language" text DEFAULT 'pl' NOT NULL,
	"waived_reason" text,
	"waived_by" uuid,
	"reminder_queued_at" timestamp with time zone,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statements_amounts" CHECK ("statements"."total_grosze" >= 0 and "statements"."paid_grosze" >= 0 and "statements"."refunded_grosze" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "offer_revision_id" uuid;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "unit_price_grosze" integer;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "copay_rule_version_id" uuid;--> statement-breakpoint
ALTER TABLE "billing_months" ADD CONSTRAINT "billing_months_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_months" ADD CONSTRAINT "billing_months_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_charges" ADD CONSTRAINT "copay_charges_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_charges" ADD CONSTRAINT "copay_charges_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_charges" ADD CONSTRAINT "copay_charges_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_charges" ADD CONSTRAINT "copay_charges_payer_id_residents_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."residents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_charges" ADD CONSTRAINT "copay_charges_rule_version_id_copay_rule_versions_id_fk" FOREIGN KEY ("rule_version_id") REFERENCES "public"."copay_rule_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_charges" ADD CONSTRAINT "copay_charges_rule_id_copay_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."copay_rules"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_charges" ADD CONSTRAINT "copay_charges_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_rule_versions" ADD CONSTRAINT "copay_rule_versions_rule_id_copay_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."copay_rules"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_rule_versions" ADD CONSTRAINT "copay_rule_versions_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_rule_versions" ADD CONSTRAINT "copay_rule_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_rules" ADD CONSTRAINT "copay_rules_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_rules" ADD CONSTRAINT "copay_rules_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_rules" ADD CONSTRAINT "copay_rules_package_id_service_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."service_packages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copay_rules" ADD CONSTRAINT "copay_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_reliefs" ADD CONSTRAINT "resident_reliefs_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_reliefs" ADD CONSTRAINT "resident_reliefs_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_reliefs" ADD CONSTRAINT "resident_reliefs_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_charge_id_copay_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."copay_charges"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_payer_id_residents_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."residents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_waived_by_users_id_fk" FOREIGN KEY ("waived_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_sessions_stripe" ON "checkout_sessions" USING btree ("stripe_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_sessions_attempt" ON "checkout_sessions" USING btree ("statement_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "copay_charges_booking_charge" ON "copay_charges" USING btree ("booking_id") WHERE "copay_charges"."kind" = 'charge';--> statement-breakpoint
CREATE INDEX "copay_charges_unbilled" ON "copay_charges" USING btree ("cus_id","payer_id") WHERE "copay_charges"."statement_id" is null;--> statement-breakpoint
CREATE INDEX "copay_charges_booking" ON "copay_charges" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "copay_charges_rule_resident" ON "copay_charges" USING btree ("rule_id","resident_id","service_date");--> statement-breakpoint
CREATE INDEX "copay_charges_statement" ON "copay_charges" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "copay_rule_versions_number" ON "copay_rule_versions" USING btree ("rule_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "copay_rule_versions_from" ON "copay_rule_versions" USING btree ("rule_id","valid_from");--> statement-breakpoint
CREATE INDEX "copay_rules_cus" ON "copay_rules" USING btree ("cus_id");--> statement-breakpoint
CREATE INDEX "payments_statement" ON "payments" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "payments_cus_received" ON "payments" USING btree ("cus_id","received_on");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_stripe_intent" ON "payments" USING btree ("stripe_payment_intent_id") WHERE "payments"."stripe_payment_intent_id" is not null;--> statement-breakpoint
CREATE INDEX "refunds_payment" ON "refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_stripe" ON "refunds" USING btree ("stripe_refund_id") WHERE "refunds"."stripe_refund_id" is not null;--> statement-breakpoint
CREATE INDEX "resident_reliefs_resident" ON "resident_reliefs" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "statement_lines_statement" ON "statement_lines" USING btree ("statement_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_payer_month" ON "statements" USING btree ("payer_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_cus_reference" ON "statements" USING btree ("cus_id","reference");--> statement-breakpoint
CREATE INDEX "statements_cus_month_status" ON "statements" USING btree ("cus_id","month","status");--> statement-breakpoint
-- Declared here rather than in db/schema/booking.ts, which billing's schema imports (no circle between the files).
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_offer_revision_fk" FOREIGN KEY ("offer_revision_id") REFERENCES "public"."offer_revisions"("id") ON DELETE restrict;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_copay_rule_version_fk" FOREIGN KEY ("copay_rule_version_id") REFERENCES "public"."copay_rule_versions"("id") ON DELETE restrict;--> statement-breakpoint
-- Bookings made before co-payments: what they were booked under is the offer's published revision then.
UPDATE "bookings" b SET "offer_revision_id" = o."published_revision_id", "unit_price_grosze" = r."price_grosze"
FROM "offers" o JOIN "offer_revisions" r ON r."id" = o."published_revision_id" WHERE o."id" = b."offer_id" AND b."offer_revision_id" IS NULL;--> statement-breakpoint
-- A rule version and a charge are never rewritten: corrections are new rows.
CREATE FUNCTION billing_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'copay_charges' AND TG_OP = 'UPDATE' AND OLD.statement_id IS NULL
     AND (NEW.amount_grosze, NEW.units_hundredths, NEW.booking_id, NEW.payer_id, NEW.kind) IS NOT DISTINCT FROM (OLD.amount_grosze, OLD.units_hundredths, OLD.booking_id, OLD.payer_id, OLD.kind) THEN
    RETURN NEW; -- a charge is put on a statement once
  END IF;
  RAISE EXCEPTION '% on % refused: it is never rewritten', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER copay_rule_versions_append_only BEFORE UPDATE OR DELETE ON copay_rule_versions FOR EACH ROW EXECUTE FUNCTION billing_append_only();--> statement-breakpoint
-- Putting a charge on a statement (the only change allowed) is told apart without calling the function.
CREATE TRIGGER copay_charges_append_only BEFORE UPDATE ON copay_charges FOR EACH ROW
  WHEN (OLD.statement_id IS NOT NULL OR (NEW.amount_grosze, NEW.units_hundredths, NEW.booking_id, NEW.payer_id, NEW.kind) IS DISTINCT FROM (OLD.amount_grosze, OLD.units_hundredths, OLD.booking_id, OLD.payer_id, OLD.kind))
  EXECUTE FUNCTION billing_append_only();--> statement-breakpoint
CREATE TRIGGER copay_charges_no_delete BEFORE DELETE ON copay_charges FOR EACH ROW EXECUTE FUNCTION billing_append_only();

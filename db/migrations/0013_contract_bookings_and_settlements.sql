CREATE TABLE "funding_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"accrual_id" uuid NOT NULL,
	"cus_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"part" text NOT NULL,
	"source_id" uuid,
	"service_date" date NOT NULL,
	"amount_grosze" integer NOT NULL,
	CONSTRAINT "funding_allocations_source" CHECK (("funding_allocations"."part" = 'source') = ("funding_allocations"."source_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "provider_statement_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"service_month" date NOT NULL,
	"unit_price_grosze" integer NOT NULL,
	"units_hundredths" integer NOT NULL,
	"amount_grosze" integer NOT NULL,
	"visits" integer NOT NULL,
	"answer" text,
	"dispute_reason" text,
	"resolution" text,
	"resolution_note" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "provider_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"cus_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"total_grosze" integer NOT NULL,
	"invoice_number" text,
	"ksef_number" text,
	"invoice_date" date,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"payment_method" text,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"stripe_transfer_id" text,
	"paid_on" date,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_accruals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"booking_id" uuid,
	"offer_id" uuid NOT NULL,
	"contract_id" uuid,
	"kind" text NOT NULL,
	"service_date" date NOT NULL,
	"units_hundredths" integer NOT NULL,
	"unit_price_grosze" integer,
	"amount_grosze" integer NOT NULL,
	"no_contract" boolean DEFAULT false NOT NULL,
	"statement_line_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_accruals_priced" CHECK ("service_accruals"."no_contract" = ("service_accruals"."contract_id" is null) and ("service_accruals"."no_contract" or "service_accruals"."unit_price_grosze" > 0) and (not "service_accruals"."no_contract" or "service_accruals"."amount_grosze" = 0))
);
--> statement-breakpoint
CREATE TABLE "settlement_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"month" date NOT NULL,
	"prepared_by" uuid NOT NULL,
	"prepared_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "contract_id" uuid;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "contract_price_grosze" integer;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD COLUMN "treasury_nrb" text;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD COLUMN "treasury_name" text;--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_accrual_id_service_accruals_id_fk" FOREIGN KEY ("accrual_id") REFERENCES "public"."service_accruals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_source_id_funding_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."funding_sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_statement_lines" ADD CONSTRAINT "provider_statement_lines_statement_id_provider_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."provider_statements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_statement_lines" ADD CONSTRAINT "provider_statement_lines_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_statement_lines" ADD CONSTRAINT "provider_statement_lines_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_statement_lines" ADD CONSTRAINT "provider_statement_lines_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_statements" ADD CONSTRAINT "provider_statements_run_id_settlement_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."settlement_runs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_statements" ADD CONSTRAINT "provider_statements_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_statements" ADD CONSTRAINT "provider_statements_provider_id_provider_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."provider_organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_statements" ADD CONSTRAINT "provider_statements_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_statements" ADD CONSTRAINT "provider_statements_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_accruals" ADD CONSTRAINT "service_accruals_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_accruals" ADD CONSTRAINT "service_accruals_provider_id_provider_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."provider_organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_accruals" ADD CONSTRAINT "service_accruals_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_accruals" ADD CONSTRAINT "service_accruals_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_accruals" ADD CONSTRAINT "service_accruals_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_accruals" ADD CONSTRAINT "service_accruals_statement_line_id_provider_statement_lines_id_fk" FOREIGN KEY ("statement_line_id") REFERENCES "public"."provider_statement_lines"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_accruals" ADD CONSTRAINT "service_accruals_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_runs" ADD CONSTRAINT "settlement_runs_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_runs" ADD CONSTRAINT "settlement_runs_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_allocations_accrual" ON "funding_allocations" USING btree ("accrual_id");--> statement-breakpoint
CREATE INDEX "funding_allocations_source" ON "funding_allocations" USING btree ("contract_id","source_id","service_date");--> statement-breakpoint
CREATE INDEX "provider_statement_lines_statement" ON "provider_statement_lines" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_statements_run_provider" ON "provider_statements" USING btree ("run_id","provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_statements_reference" ON "provider_statements" USING btree ("cus_id","reference");--> statement-breakpoint
CREATE INDEX "provider_statements_provider" ON "provider_statements" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "service_accruals_booking" ON "service_accruals" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "service_accruals_unsettled" ON "service_accruals" USING btree ("cus_id","service_date") WHERE "service_accruals"."statement_line_id" is null;--> statement-breakpoint
CREATE INDEX "service_accruals_contract" ON "service_accruals" USING btree ("contract_id","service_date");--> statement-breakpoint
CREATE INDEX "service_accruals_line" ON "service_accruals" USING btree ("statement_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_runs_month" ON "settlement_runs" USING btree ("cus_id","month");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_contract_pending" ON "bookings" USING btree ("contract_id") WHERE "bookings"."status" = 'active' and "bookings"."attendance" is null;--> statement-breakpoint
-- An accrual and its allocation are never rewritten (corrections are new rows); an accrual is put on a statement line once.
CREATE FUNCTION settlements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % refused: it is never rewritten', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER service_accruals_append_only BEFORE UPDATE ON service_accruals FOR EACH ROW
  WHEN (OLD.statement_line_id IS NOT NULL OR (NEW.amount_grosze, NEW.units_hundredths, NEW.unit_price_grosze, NEW.booking_id, NEW.contract_id, NEW.provider_id, NEW.kind, NEW.service_date, NEW.no_contract)
        IS DISTINCT FROM (OLD.amount_grosze, OLD.units_hundredths, OLD.unit_price_grosze, OLD.booking_id, OLD.contract_id, OLD.provider_id, OLD.kind, OLD.service_date, OLD.no_contract))
  EXECUTE FUNCTION settlements_append_only();--> statement-breakpoint
CREATE TRIGGER service_accruals_no_delete BEFORE DELETE ON service_accruals FOR EACH ROW EXECUTE FUNCTION settlements_append_only();--> statement-breakpoint
CREATE TRIGGER funding_allocations_append_only BEFORE UPDATE OR DELETE ON funding_allocations FOR EACH ROW EXECUTE FUNCTION settlements_append_only();

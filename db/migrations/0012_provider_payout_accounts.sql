CREATE TABLE "provider_payout_accounts" (
	"provider_id" uuid PRIMARY KEY NOT NULL,
	"stripe_account_id" text,
	"connect_status" text DEFAULT 'none' NOT NULL,
	"connect_requirements" text[] DEFAULT '{}' NOT NULL,
	"bank_nrb" text,
	"bank_holder" text,
	"bank_confirmed_by" uuid,
	"bank_confirmed_at" timestamp with time zone,
	"pending_nrb" text,
	"pending_holder" text,
	"pending_requested_by" uuid,
	"pending_requested_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "provider_payout_accounts" ADD CONSTRAINT "provider_payout_accounts_provider_id_provider_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."provider_organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_payout_accounts" ADD CONSTRAINT "provider_payout_accounts_bank_confirmed_by_users_id_fk" FOREIGN KEY ("bank_confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_payout_accounts" ADD CONSTRAINT "provider_payout_accounts_pending_requested_by_users_id_fk" FOREIGN KEY ("pending_requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provider_payout_accounts_stripe" ON "provider_payout_accounts" USING btree ("stripe_account_id");
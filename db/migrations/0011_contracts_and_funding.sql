CREATE TABLE "contract_tariffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"unit_price_grosze" integer NOT NULL,
	"valid_from" date NOT NULL,
	CONSTRAINT "contract_tariffs_price" CHECK ("contract_tariffs"."unit_price_grosze" > 0)
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"number" text NOT NULL,
	"mode" text NOT NULL,
	"signed_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"pool_units_hundredths" integer,
	"pool_grosze" integer,
	"overrun_allowed" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_period" CHECK ("contracts"."valid_to" >= "contracts"."valid_from"),
	CONSTRAINT "contracts_pool" CHECK (("contracts"."pool_units_hundredths" is null or "contracts"."pool_units_hundredths" > 0) and ("contracts"."pool_grosze" is null or "contracts"."pool_grosze" > 0))
);
--> statement-breakpoint
CREATE TABLE "contract_funding_splits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"position" smallint NOT NULL,
	"share_bp" integer,
	"fixed_per_unit_grosze" integer,
	"ceiling_grosze" integer,
	"ceiling_period" text,
	CONSTRAINT "contract_funding_splits_amount" CHECK (("contract_funding_splits"."share_bp" is null) <> ("contract_funding_splits"."fixed_per_unit_grosze" is null) and ("contract_funding_splits"."share_bp" is null or "contract_funding_splits"."share_bp" between 1 and 10000) and ("contract_funding_splits"."fixed_per_unit_grosze" is null or "contract_funding_splits"."fixed_per_unit_grosze" > 0)),
	CONSTRAINT "contract_funding_splits_ceiling" CHECK (("contract_funding_splits"."ceiling_grosze" is null) = ("contract_funding_splits"."ceiling_period" is null) and ("contract_funding_splits"."ceiling_grosze" is null or "contract_funding_splits"."ceiling_grosze" > 0))
);
--> statement-breakpoint
CREATE TABLE "funding_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"dzial" text,
	"rozdzial" text,
	"paragraf" text,
	"programme" text,
	"project_number" text,
	"eligible_from" date,
	"eligible_to" date,
	"budget_grosze" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_sources_classification" CHECK ("funding_sources"."kind" <> 'gmina_budget' or ("funding_sources"."dzial" is not null and "funding_sources"."rozdzial" is not null and "funding_sources"."paragraf" is not null)),
	CONSTRAINT "funding_sources_eligibility" CHECK ("funding_sources"."eligible_to" is null or "funding_sources"."eligible_from" is null or "funding_sources"."eligible_to" >= "funding_sources"."eligible_from")
);
--> statement-breakpoint
ALTER TABLE "contract_tariffs" ADD CONSTRAINT "contract_tariffs_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_tariffs" ADD CONSTRAINT "contract_tariffs_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_provider_id_provider_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."provider_organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_funding_splits" ADD CONSTRAINT "contract_funding_splits_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_funding_splits" ADD CONSTRAINT "contract_funding_splits_source_id_funding_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."funding_sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_sources" ADD CONSTRAINT "funding_sources_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_sources" ADD CONSTRAINT "funding_sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_tariffs_from" ON "contract_tariffs" USING btree ("contract_id","offer_id","valid_from");--> statement-breakpoint
CREATE INDEX "contract_tariffs_offer" ON "contract_tariffs" USING btree ("offer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_cus_number" ON "contracts" USING btree ("cus_id","number");--> statement-breakpoint
CREATE INDEX "contracts_provider" ON "contracts" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_funding_splits_position" ON "contract_funding_splits" USING btree ("contract_id","valid_from","position");--> statement-breakpoint
CREATE INDEX "funding_sources_cus" ON "funding_sources" USING btree ("cus_id");
CREATE TYPE "public"."fee_label" AS ENUM('free', 'partly_paid', 'paid');--> statement-breakpoint
CREATE TYPE "public"."offer_unit" AS ENUM('hour', 'session', 'visit', 'day', 'ride', 'month', 'one_off');--> statement-breakpoint
CREATE TYPE "public"."offer_revision_status" AS ENUM('draft', 'submitted', 'returned', 'published', 'superseded');--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid,
	"cus_id" uuid,
	"name" text NOT NULL,
	"street" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"gmina_name" text NOT NULL,
	"accessibility" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "offer_revision_status" DEFAULT 'draft' NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"area" smallint NOT NULL,
	"category" text,
	"target_groups" text[] DEFAULT '{}' NOT NULL,
	"eligibility" text,
	"required_documents" text,
	"how_to_apply" text,
	"delivery_modes" text[] DEFAULT '{}' NOT NULL,
	"group_mode" text DEFAULT 'individual' NOT NULL,
	"languages" text[] DEFAULT '{"pl"}' NOT NULL,
	"unit" "offer_unit" NOT NULL,
	"typical_duration_minutes" integer,
	"limit_units" integer,
	"limit_period_months" integer,
	"price_grosze" integer DEFAULT 0 NOT NULL,
	"fee_label" "fee_label" DEFAULT 'free' NOT NULL,
	"is_supporting_activity" boolean DEFAULT false NOT NULL,
	"location_ids" uuid[] DEFAULT '{}' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"review_comment" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"provider_id" uuid,
	"published_revision_id" uuid,
	"working_revision_id" uuid,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "package_offers" (
	"package_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	CONSTRAINT "package_offers_package_id_offer_id_pk" PRIMARY KEY("package_id","offer_id")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"title" text NOT NULL,
	"resolution_number" text NOT NULL,
	"resolution_date" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cus_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text
);
--> statement-breakpoint
ALTER TABLE "centre_providers" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "centre_providers" ADD COLUMN "provider_reply" text;--> statement-breakpoint
ALTER TABLE "centre_providers" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "centre_providers" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "provider_organisations" ADD COLUMN "logo_url" text;--> statement-breakpoint
ALTER TABLE "provider_organisations" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_provider_id_provider_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."provider_organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_revisions" ADD CONSTRAINT "offer_revisions_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_revisions" ADD CONSTRAINT "offer_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_revisions" ADD CONSTRAINT "offer_revisions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_provider_id_provider_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."provider_organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_offers" ADD CONSTRAINT "package_offers_package_id_service_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."service_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_offers" ADD CONSTRAINT "package_offers_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_packages" ADD CONSTRAINT "service_packages_cus_id_centres_id_fk" FOREIGN KEY ("cus_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_packages" ADD CONSTRAINT "service_packages_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "locations_provider" ON "locations" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "offer_revisions_offer_number" ON "offer_revisions" USING btree ("offer_id","number");--> statement-breakpoint
CREATE INDEX "offer_revisions_area" ON "offer_revisions" USING btree ("area");--> statement-breakpoint
CREATE INDEX "offers_cus_published" ON "offers" USING btree ("cus_id","published_revision_id");--> statement-breakpoint
CREATE INDEX "offers_provider" ON "offers" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "package_offers_offer" ON "package_offers" USING btree ("offer_id");--> statement-breakpoint
ALTER TABLE "centre_providers" ADD CONSTRAINT "centre_providers_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "outbox" ADD COLUMN "key" text;--> statement-breakpoint
-- Messages queued before keys existed are keyed by their own id.
UPDATE "outbox" SET "key" = "kind" || ':' || "id";--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "key" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_key" ON "outbox" USING btree ("key");

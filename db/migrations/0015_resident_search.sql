-- Trigram indexes find a resident by any part of the name ("woz" in "wozniak").
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "search_name" text GENERATED ALWAYS AS (btrim(regexp_replace(lower(translate(first_name || ' ' || last_name, 'ĄĆĘŁŃÓŚŹŻąćęłńóśźżÁÀÂÄÃÅÇČĎÉÈÊËĚÍÌÎÏĽŇÑÒÔÖÕŘŠŤÚÙÛÜŮÝŸŽáàâäãåçčďéèêëěíìîïľňñòôöõřšťúùûüůýÿžАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЄІЇҐйёї', 'acelnoszzacelnoszzaaaaaaccdeeeeeiiiilnnoooorstuuuuuyyzaaaaaaccdeeeeeiiiilnnoooorstuuuuuyyzабвгдеежзииклмнопрстуфхцчшщъыьэюяєііґиеі')), '[[:punct:][:space:]]+', ' ', 'g'))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (nullif(right(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), 9), '')) STORED;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "document_key" text GENERATED ALWAYS AS (nullif(upper(regexp_replace(coalesce(document_number, ''), '[^0-9A-Za-z]', '', 'g')), '')) STORED;--> statement-breakpoint
CREATE INDEX "residents_search_name" ON "residents" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "residents_cus_phone" ON "residents" USING btree ("cus_id","phone_digits");--> statement-breakpoint
CREATE INDEX "residents_cus_document" ON "residents" USING btree ("cus_id","document_key");
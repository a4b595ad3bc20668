import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { centres } from "./directory";
import { users } from "./identity";

/** A resident (mieszkaniec) of a centre. Personal data: store the minimum, show it only to those who need it. */
export const residents = pgTable(
  "residents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    pesel: text("pesel"),
    birthDate: date("birth_date"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    gminaName: text("gmina_name"),
    phone: text("phone"),
    email: text("email"),
    preferredLanguage: text("preferred_language").notNull().default("pl"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("residents_cus_pesel").on(t.cusId, t.pesel).where(sql`${t.pesel} is not null`),
    index("residents_cus_name").on(t.cusId, t.lastName, t.firstName),
    uniqueIndex("residents_user").on(t.userId).where(sql`${t.userId} is not null`),
  ],
);

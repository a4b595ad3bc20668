const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value can be used as a uuid in SQL. Anything else is "not found", never a database error
 * (PostgreSQL refuses a malformed uuid with an exception, which would be a 500).
 */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

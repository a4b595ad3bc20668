/** The words of co-payments that pages list (statuses, reliefs), from the schema, for routes and components. */
export { reliefKinds, statementStatuses, type ReliefKind, type StatementStatus } from "@db/schema/billing";

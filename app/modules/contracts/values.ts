/** The words of contracts and funding that pages list (modes, kinds), from the schema, for routes and components. */
export { contractModes, type ContractMode } from "@db/schema/contracts";
export { fundingKinds, type FundingKind } from "@db/schema/funding";

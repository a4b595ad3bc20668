export * from "./organisations";
export * from "./directory";
export * from "./identity";
export * from "./audit";
export * from "./notifications";
export * from "./plans";
export * from "./capacity";
export * from "./booking";

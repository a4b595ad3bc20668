/** How two residents are related; each link is stored both ways, with the relation seen from each side. */
export const familyRelations = ["spouse", "partner", "parent", "child", "sibling", "grandparent", "grandchild", "guardian", "ward", "other"] as const;
export type FamilyRelation = (typeof familyRelations)[number];

const inverse: Record<FamilyRelation, FamilyRelation> = {
  spouse: "spouse",
  partner: "partner",
  parent: "child",
  child: "parent",
  sibling: "sibling",
  grandparent: "grandchild",
  grandchild: "grandparent",
  guardian: "ward",
  ward: "guardian",
  other: "other",
};

/** "Anna is Jan's parent" seen from Jan's side: Jan is Anna's child. */
export function inverseRelation(relation: FamilyRelation): FamilyRelation {
  return inverse[relation];
}

export function isFamilyRelation(value: unknown): value is FamilyRelation {
  return typeof value === "string" && (familyRelations as readonly string[]).includes(value);
}

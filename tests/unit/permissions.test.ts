import { roles } from "@db/schema/identity";
import { can, navigationFor, permissionMap, roleHome } from "~/modules/identity/permissions";

describe("permissions", () => {
  it("keeps provider and resident roles out of centre staff pages", () => {
    for (const role of ["provider_admin", "provider_staff", "resident"] as const) {
      expect(can(role, "centre.staff.read")).toBe(false);
      expect(can(role, "audit.read")).toBe(false);
      expect(can(role, "coordinator.desk")).toBe(false);
    }
  });

  it("lets only the director read the audit log and manage the team", () => {
    const auditors = roles.filter((r) => can(r, "audit.read"));
    expect(auditors).toEqual(["director"]);
    expect(roles.filter((r) => can(r, "centre.staff.manage"))).toEqual(["director"]);
  });

  it("gives every role a home page it may open, and shows only links it may follow", () => {
    for (const role of roles) {
      const nav = navigationFor(role);
      expect(nav.map((n) => n.to)).toContain(roleHome[role]);
      for (const item of nav) expect(can(role, item.permission)).toBe(true);
    }
  });

  it("names only known roles in the map", () => {
    for (const allowed of Object.values(permissionMap)) for (const role of allowed) expect(roles).toContain(role);
  });
});

import { describe, expect, it } from "vitest";
import { listProjectOwnAdmins } from "@/lib/data/project-people";
import { addMember, db, grant, makeOrg, makeProject, makeUser, unique } from "../factories";
import { countQueries } from "./query-count";

const pad = (n: number) => String(n).padStart(2, "0");

describe("what an outsider sees of a public project's admins", () => {
  it("is at most 20 of its admin grantees, by username, in one statement that reads no other member", async () => {
    const p = unique("oa");
    const owner = await makeUser(`${p}owner`);
    const org = await makeOrg(owner, { additionalSeats: 100 });
    const project = await makeProject(org, { visibility: "public" });
    for (let i = 1; i <= 25; i++) {
      const u = await makeUser(`${p}a${pad(i)}`);
      await addMember(org, u, "member");
      await grant(project, { userId: u.id }, "admin");
    }
    // Members with lesser grants, and the org owner, are not the project's own admins.
    for (let i = 1; i <= 5; i++) {
      const u = await makeUser(`${p}w${pad(i)}`);
      await addMember(org, u, "member");
      await grant(project, { userId: u.id }, "write");
    }
    const d = await db();
    const counted = await countQueries(() => listProjectOwnAdmins(d, { id: project.id, orgId: org.id, visibility: "public", orgKind: "team" }));
    expect(counted.queries).toBe(1);
    expect(counted.result.map((a) => a.username)).toEqual(Array.from({ length: 20 }, (_, i) => `${p}a${pad(i + 1)}`));
  });
});

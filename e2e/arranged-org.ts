import { execFileSync } from "node:child_process";

/** What e2e/tour-arrange.ts made: the org's slug, its people, a pending invitation, resource ids. */
export interface ArrangedOrg {
  slug: string;
  users: Record<"owner" | "admin" | "member" | "restricted" | "external" | "outsider", { id: string; username: string }>;
  invitePath: string;
  invitee: string;
  resources: Record<"open-data" | "secret-lab", Record<"dataset" | "model" | "run" | "endpoint" | "prediction", string>>;
}

/**
 * A fresh organization with a person in every role, two projects, resources of every kind, a team
 * and a pending invitation, written straight to the e2e server's database by a child process
 * that runs the app's own insert helpers. Only for specs that are not about building these.
 */
export function arrangeOrg(): ArrangedOrg {
  const suffix = `${Date.now().toString(36)}${process.pid.toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const out = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/tour-arrange.ts", suffix], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as ArrangedOrg;
}

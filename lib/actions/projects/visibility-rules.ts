import type { Visibility } from "@/db/schema";
import { fieldError } from "../result";

/** SPEC §3: public only where the org allows it; "organization" means nothing in a personal workspace. */
export function checkVisibilityAllowed(visibility: Visibility, org: { kind: "personal" | "team"; allowPublicProjects: boolean }): void {
  if (visibility === "public" && !org.allowPublicProjects) {
    throw fieldError("visibility", "This organization does not allow public projects.");
  }
  if (visibility === "organization" && org.kind === "personal") {
    throw fieldError("visibility", "A personal workspace has no other members: choose private or public.");
  }
}

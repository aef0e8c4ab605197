"use server";

import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "@/db/client";
import { orgRef } from "@/lib/validation/org";
import { NotFoundError } from "../result";
import { orgAction } from "../safe-action";

const Input = z.object({ ...orgRef, tokenId: z.uuid({ error: "Token not found." }) });

/**
 * An org owner/admin revokes a token that reaches their organization: one limited to it, or an
 * all-workspaces token of one of its members. The whole token goes: a token is one secret.
 */
export const revokeOrgTokenAction = orgAction(Input, "org.settings", async (input, { tx, user, org, auditOrg }) => {
  const [token] = await rows<{ id: string; name: string; owner: string }>(
    tx,
    sql`update api_tokens t set revoked_at = now(), revoked_by = ${user.id}::uuid
        from users u
        where t.id = ${input.tokenId}::uuid and u.id = t.user_id and t.revoked_at is null
          and (t.org_id = ${org.id}::uuid
               or (t.org_id is null and exists (select 1 from memberships m where m.org_id = ${org.id}::uuid and m.user_id = t.user_id)))
        returning t.id, t.name, u.username as owner`,
  );
  if (!token) throw new NotFoundError("Token not found.");
  await auditOrg({ action: "token.revoke", targetType: "token", targetId: token.id, targetLabel: `${token.name} (${token.owner})` });
  return { id: token.id };
});

"use server";

import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { newTokenSecret } from "@/lib/api/token-secret";
import { TOKEN_REFUSALS } from "@/lib/authz/token-reach";
import { MAX_LIVE_TOKENS, tokenExpiresAt, tokenExpirySchema, tokenNameSchema, tokenPermissionSchema, tokenScopeSchema } from "@/lib/validation/token";
import { ActionError, fieldError } from "../result";
import { userAction } from "../safe-action";

const Input = z.object({
  name: tokenNameSchema,
  scope: tokenScopeSchema,
  permission: tokenPermissionSchema,
  expiry: tokenExpirySchema,
  expiresOn: z.string().trim().max(20).default(""),
});

/** A new personal access token; its secret is in the answer and nowhere else, ever. */
export const createTokenAction = userAction(Input, async (input, { tx, user, audit }) => {
  type ScopeOrg = { id: string; slug: string; allow_api_tokens: boolean; allow_non_expiring_tokens: boolean };
  let org: ScopeOrg | undefined;
  if (input.scope !== "all") {
    [org] = await rows<ScopeOrg>(
      tx,
      sql`select o.id, o.slug, o.allow_api_tokens, o.allow_non_expiring_tokens
          from organizations o join memberships m on m.org_id = o.id and m.user_id = ${user.id}::uuid
          where o.id::text = ${input.scope}`,
    );
    if (!org) throw fieldError("scope", "Choose one of your workspaces.");
    if (!org.allow_api_tokens) throw fieldError("scope", TOKEN_REFUSALS.forbidden);
  }
  if (input.expiry === "never" && !org?.allow_non_expiring_tokens) {
    throw fieldError("expiry", "Tokens that never expire are allowed only for one workspace whose organization allows them.");
  }
  const expiresAt = tokenExpiresAt(input.expiry, input.expiresOn);
  if (expiresAt && "error" in expiresAt) throw fieldError("expiresOn", expiresAt.error);
  const [{ n }] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from api_tokens
        where user_id = ${user.id}::uuid and revoked_at is null and (expires_at is null or expires_at > now())`,
  );
  if (n >= MAX_LIVE_TOKENS) throw new ActionError(`You have ${MAX_LIVE_TOKENS} live tokens: revoke one first.`);
  const { secret, hash, shown } = newTokenSecret();
  const [token] = await tx
    .insert(apiTokens)
    .values({ userId: user.id, orgId: org?.id ?? null, name: input.name, prefix: shown, tokenHash: hash, permission: input.permission, expiresAt })
    .returning({ id: apiTokens.id });
  await audit(org?.id ?? null, {
    action: "token.create", targetType: "token", targetId: token.id, targetLabel: input.name,
    after: { name: input.name, workspace: org?.slug ?? "all", permission: input.permission, expiresAt: expiresAt?.toISOString() ?? null },
  });
  return { id: token.id, name: input.name, secret };
});

"use server";

import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { apiTokens } from "@/db/schema";
import { NotFoundError } from "../result";
import { userAction } from "../safe-action";

const Input = z.object({ tokenId: z.uuid({ error: "Token not found." }) });

/** The owner revokes one of their tokens: its next call is refused. */
export const revokeTokenAction = userAction(Input, async (input, { tx, user, audit }) => {
  const [token] = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()`, revokedBy: user.id })
    .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name, orgId: apiTokens.orgId });
  if (!token) throw new NotFoundError("Token not found.");
  await audit(token.orgId, { action: "token.revoke", targetType: "token", targetId: token.id, targetLabel: token.name });
  return { id: token.id };
});

"use server";

import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "@/db/client";
import { organizations, users } from "@/db/schema";
import { signOut } from "@/lib/auth/config";
import { verifyPassword } from "@/lib/auth/password";
import { passwordHashOf } from "@/lib/data/users";
import { ActionError, fieldError, type ActionResult } from "./result";
import { userAction } from "./safe-action";

const Input = z.object({ confirm: z.string().trim(), password: z.string().min(1, "Enter your password.") });

/**
 * SPEC §2: an owner of an organization with other members must transfer it first; organizations
 * the user is the only member of go with the account. Everything the user created in other
 * organizations stays there (foreign keys set the creator to null: "former member").
 */
export const deleteAccount = userAction(Input, async (input, { tx, user, audit }) => {
  if (input.confirm.toLowerCase() !== user.username.toLowerCase()) throw fieldError("confirm", `Type “${user.username}” to confirm.`);
  if (!(await verifyPassword(await passwordHashOf(tx, user.id), input.password))) throw fieldError("password", "That is not your password.");
  // Lock every organization the user belongs to first, then read ownership and headcounts in a
  // statement of its own: a transfer to this user, or someone joining, that this request waited
  // for must count (a locking statement sees its joined rows as they were before it waited).
  await rows(
    tx,
    sql`select o.id from organizations o join memberships m on m.org_id = o.id and m.user_id = ${user.id}::uuid
        where o.kind = 'team' order by o.id for update of o`,
  );
  const owned = await rows<{ id: string; slug: string; others: number }>(
    tx,
    sql`select o.id, o.slug, (select count(*)::int from memberships x where x.org_id = o.id and x.user_id <> ${user.id}::uuid) as others
        from organizations o join memberships m on m.org_id = o.id and m.user_id = ${user.id}::uuid and m.role = 'owner'
        where o.kind = 'team'`,
  );
  const blocking = owned.filter((o) => o.others > 0).map((o) => o.slug);
  if (blocking.length) {
    throw new ActionError(`You own ${blocking.join(", ")}, which other people belong to: transfer ownership first.`, 409);
  }
  const memberOf = await rows<{ org_id: string }>(
    tx,
    sql`select m.org_id from memberships m join organizations o on o.id = m.org_id where m.user_id = ${user.id}::uuid and o.kind = 'team' and m.role <> 'owner'`,
  );
  for (const m of memberOf) {
    await audit(m.org_id, { action: "member.account-deleted", targetType: "user", targetId: user.id, targetLabel: user.username });
  }
  const soleOrgs = owned.map((o) => o.id);
  if (soleOrgs.length) {
    await tx.delete(organizations).where(and(inArray(organizations.id, soleOrgs), eq(organizations.kind, "team")));
  }
  // Memberships, grants, team places, notifications and the personal workspace cascade.
  await tx.delete(users).where(eq(users.id, user.id));
  return { deletedOrganizations: owned.map((o) => o.slug) };
});

export async function deleteAccountAction(prev: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  const result = await deleteAccount(prev, formData);
  if (!result.ok) return result;
  await signOut({ redirectTo: "/signin" });
  return result;
}

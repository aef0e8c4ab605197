import "server-only";
import { eq, getTableColumns, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { memberships, organizations, users, type User } from "@/db/schema";
import { getDb } from "@/lib/db";

export async function findUserByLogin(identifier: string): Promise<User | null> {
  const db = await getDb();
  const key = identifier.trim().toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(or(sql`lower(${users.username}) = ${key}`, sql`lower(${users.email}) = ${key}`))
    .limit(1);
  return user ?? null;
}

/** A user as every page and action sees them: the password hash stays with sign-in. */
export type SignedInUser = Omit<User, "passwordHash">;

/** The columns of `SignedInUser`, for selects that must never carry the password hash. */
export const signedInUserColumns = Object.fromEntries(
  Object.entries(getTableColumns(users)).filter(([key]) => key !== "passwordHash"),
) as Omit<ReturnType<typeof getTableColumns<typeof users>>, "passwordHash">;

/** The stored hash, read only where a password is checked again (password change, deletion). */
export async function passwordHashOf(db: Executor, userId: string): Promise<string> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.hash ?? "";
}

export async function usernameOrSlugTaken(db: Executor, slug: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(sql`lower(${organizations.slug}) = lower(${slug})`)
    .limit(1);
  return !!row;
}

export async function emailTaken(db: Executor, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return !!row;
}

/** A user and their personal workspace, created together or not at all (the caller's transaction). */
export async function insertUserWithWorkspace(
  tx: Executor,
  input: { username: string; email: string; passwordHash: string; name?: string | null; emailVerifiedAt?: Date | null },
): Promise<User> {
  const [user] = await tx
    .insert(users)
    .values({
      username: input.username,
      email: input.email,
      passwordHash: input.passwordHash,
      name: input.name ?? null,
      emailVerifiedAt: input.emailVerifiedAt ?? null,
    })
    .returning();
  const [org] = await tx
    .insert(organizations)
    .values({
      slug: input.username,
      kind: "personal",
      personalUserId: user.id,
      displayName: input.username,
      contactEmail: input.email,
      additionalSeats: 0,
    })
    .returning({ id: organizations.id });
  await tx.insert(memberships).values({ orgId: org.id, userId: user.id, role: "owner" });
  return user;
}

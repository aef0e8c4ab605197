import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { expect } from "vitest";
import { users } from "@/db/schema";
import { addMember, db, makeOrg, makeUser, unique } from "../factories";
import { as } from "../setup/session";

export const pad = (n: number) => String(n).padStart(2, "0");

/**
 * An organization with 30 plain members `<p>m01`–`<p>m30` (m23 named "Quincy Adams"), an admin
 * `<p>admin` and its owner `<p>owner`, and `<p>out`, who belongs to no part of it. More members
 * than a picker answers at once (20), so a search has something to leave out.
 */
export async function crowdedOrg(prefix: string) {
  const p = unique(prefix);
  const owner = await makeUser(`${p}owner`);
  const org = await makeOrg(owner, { additionalSeats: 100 });
  const members = [];
  for (let i = 1; i <= 30; i++) {
    const u = await makeUser(`${p}m${pad(i)}`);
    await addMember(org, u, "member");
    members.push(u);
  }
  await (await db()).update(users).set({ name: "Quincy Adams" }).where(eq(users.id, members[22].id));
  const admin = await makeUser(`${p}admin`);
  await addMember(org, admin, "admin");
  const outsider = await makeUser(`${p}out`);
  return { p, owner, org, admin, members, outsider };
}

type Route<P> = (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>;

/** A picker's search route called as `who` (null: signed out) with `q` (null: no q at all). */
export async function pickerSearch<P>(route: Route<P>, path: string, params: P, who: { id: string } | null, q: string | null) {
  const url = new URL(`http://localhost${path}`);
  if (q !== null) url.searchParams.set("q", q);
  const res = await as(who, () => route(new NextRequest(url), { params: Promise.resolve(params) }));
  const body = await res.json();
  return { status: res.status, body, usernames: (body.choices ?? []).map((c: { username: string }) => c.username) as string[] };
}

type Search = (q: string | null) => ReturnType<typeof pickerSearch>;

/** What every picker answers to hostile text (`p`: the world's prefix): a 4xx or no match, never a 500. */
export async function expectHostileTextHarmless(search: Search, p: string) {
  const nul = await search(`${p}m\u0000`);
  expect(nul.status).toBe(200);
  expect(nul.usernames).toEqual([]);
  const long = await search("a".repeat(100_000));
  expect(long.status).toBe(400);
  expect(long.body.error).toBe("Type at most 64 characters to search.");
  // LIKE's own wildcards match themselves, not everyone.
  for (const q of ["%", "_", `${p}m_1`, `${p}m_3`, "\\", "'; drop table users; --"]) expect((await search(q)).usernames).toEqual([]);
  // No q at all lists the first matches, as an empty box does.
  expect((await search(null)).usernames).toHaveLength(20);
}

import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import Papa from "papaparse";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as exportAudit } from "@/app/(app)/[workspace]/settings/audit/export/route";
import { listAuditEvents } from "@/lib/data/audit";
import { db, makeWorld } from "../factories";
import { signInAs } from "../setup/session";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function download(slug: string, query = "") {
  return exportAudit(new NextRequest(`http://localhost/${slug}/settings/audit/export${query}`), { params: Promise.resolve({ workspace: slug }) });
}

/**
 * `count` events of the org, event i labelled `event-<i>` with id …<i>: seven at a time share one
 * timestamp to the microsecond, and all of them fall within one millisecond, so only the exact
 * time and the id tell them apart. Inserted by SQL: how events get written is not the subject.
 */
async function insertEvents(orgId: string, count: number, action = "member.role") {
  // Ids differ between calls in their first group only, so within one call they order as i does.
  const prefix = randomBytes(4).toString("hex");
  await (await db()).execute(sql`
    insert into audit_events (id, org_id, actor_name, action, target_type, target_label, created_at)
    select (${prefix} || '-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ${orgId}::uuid, 'bulk-actor', ${action}, 'member',
           'event-' || lpad(i::text, 4, '0'),
           timestamptz '2026-03-01 12:00:00.000100+00' + make_interval(secs => (floor(i / 7) * 0.000001)::float8)
    from generate_series(0, ${count - 1}::int) as i`);
}

describe("the audit log's CSV export", () => {
  it("holds every event once, newest first, when the log is more than two batches long", async () => {
    const w = await makeWorld();
    await insertEvents(w.org.id, 2345);
    // Another organization's events never appear in this one's file.
    await (await db()).execute(sql`insert into audit_events (org_id, actor_name, action, target_type, target_label)
      select ${w.otherOrg.id}::uuid, 'elsewhere', 'member.role', 'member', 'foreign-' || i from generate_series(1, 30) as i`);
    signInAs(w.owner);
    const res = await download(w.org.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const parsed = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...data] = parsed.data;
    expect(header).toEqual(["time", "actor", "action", "target_type", "target", "before", "after"]);
    // 2,345 events: batches of 1,000 end inside groups of seven that share a microsecond.
    expect(data).toHaveLength(2345);
    expect(data[0]).toEqual(["2026-03-01T12:00:00.000Z", "bulk-actor", "member.role", "member", "event-2344", "", ""]);
    expect(data[2344][4]).toBe("event-0000");
    expect(data.map((r) => r[4])).toEqual(Array.from({ length: 2345 }, (_, k) => `event-${pad(2344 - k, 4)}`));
  });

  it("keeps the filter across batches", async () => {
    const w = await makeWorld();
    await insertEvents(w.org.id, 1500, "team.create");
    await (await db()).execute(sql`insert into audit_events (org_id, actor_name, action, target_type, target_label)
      select ${w.org.id}::uuid, 'someone', 'org.update', 'organization', 'other-' || i from generate_series(1, 40) as i`);
    signInAs(w.admin);
    const res = await download(w.org.slug, "?action=team.create&action=org.update");
    expect(res.status).toBe(200);
    const data = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true }).data.slice(1);
    expect(data).toHaveLength(1500);
    expect(new Set(data.map((r) => r[2]))).toEqual(new Set(["team.create"]));
  });

  it("is for the owner and admins: a member is refused with the reason, a stranger finds nothing, a signed-out visitor is asked to sign in", async () => {
    const w = await makeWorld();
    await insertEvents(w.org.id, 3);
    signInAs(w.member);
    const member = await download(w.org.slug);
    expect(member.status).toBe(403);
    expect(await member.json()).toEqual({ error: "Only owners and admins can read the audit log." });
    signInAs(w.restricted);
    expect((await download(w.org.slug)).status).toBe(403);
    signInAs(w.outsider);
    const stranger = await download(w.org.slug);
    expect(stranger.status).toBe(404);
    expect(await stranger.text()).not.toContain("event-");
    signInAs(null);
    expect((await download(w.org.slug)).status).toBe(401);
  });
});

describe("the audit log page", () => {
  it("pages 250 events 100 at a time, newest first, none lost where a page ends inside one microsecond, and back again", async () => {
    const w = await makeWorld();
    await insertEvents(w.org.id, 250);
    const pages: Awaited<ReturnType<typeof listAuditEvents>>[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditEvents(w.org.id, {}, cursor);
      pages.push(page);
      cursor = page.next ?? undefined;
    } while (cursor && pages.length < 5);
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 50]);
    expect(pages.flatMap((p) => p.items.map((e) => e.targetLabel))).toEqual(Array.from({ length: 250 }, (_, k) => `event-${pad(249 - k, 4)}`));
    const second = await listAuditEvents(w.org.id, {}, pages[2].prev!);
    expect(second.items.map((e) => e.targetLabel)).toEqual(Array.from({ length: 100 }, (_, k) => `event-${pad(149 - k, 4)}`));
    // Another organization's cursor is the first page here.
    const other = await makeWorld();
    await insertEvents(other.org.id, 150);
    expect((await listAuditEvents(w.org.id, {}, (await listAuditEvents(other.org.id, {})).next!)).items[0].targetLabel).toBe("event-0249");
  });
});


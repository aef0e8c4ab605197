import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { GLOBAL_PAGE_SCOPE, userAndPageEpoch } from "@/lib/data/sessions";
import { db, makeOrg, makeProject, makeTeam, makeUser, unique } from "../factories";
import { lockWaiters, secondConnection, waitForLockWaiters } from "./race-helpers";

// A kept page is served again only while the epochs of its workspace, its user and the global scope
// have not moved: a write that fails to move the right one leaves people looking at stale (or
// revoked) data, and one that moves another tenant's lets them time that tenant's activity.
const SHOWN = [
  "users", "organizations", "memberships", "teams", "team_members", "projects",
  "project_tag_counts", "project_grants", "invitations", "resources", "notifications", "favourite_workspaces",
] as const;
// Tables no kept page shows: moving an epoch on them would only throw kept pages away.
const EXCLUDED = ["user_sessions", "audit_events", "email_outbox", "email_tokens", "rate_limits", "api_tokens"] as const;
// Written out rather than imported, so a changed constant cannot agree with itself.
const GLOBAL = "00000000-0000-0000-0000-000000000000";

const pg = secondConnection();

// Before any test wrote: what the migration itself leaves.
const AT_START = await pg<{ scope: string; n: string }[]>`select scope::text, n::text from page_epochs order by scope`;

type Sql = postgres.Sql | postgres.TransactionSql;

async function snapshot(sql: Sql = pg): Promise<Map<string, bigint>> {
  const rows = await sql<{ scope: string; n: string }[]>`select scope::text, n::text from page_epochs`;
  return new Map(rows.map((r) => [r.scope, BigInt(r.n)]));
}

/**
 * Every scope whose epoch moved while `work` ran, by how much, named by the labels given (a scope
 * with no label keeps its id, so an unexpected move shows up in the failure). A scope without a
 * row reads 0, as the page cache's read does.
 */
async function moves(labels: Record<string, string>, work: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await snapshot();
  await work();
  const after = await snapshot();
  const byId = new Map(Object.entries(labels).map(([label, id]) => [id, label]));
  const out: Record<string, number> = {};
  for (const [scope, n] of after) {
    const delta = Number(n - (before.get(scope) ?? 0n));
    if (delta !== 0) out[byId.get(scope) ?? scope] = delta;
  }
  for (const scope of before.keys()) if (!after.has(scope)) out[byId.get(scope) ?? scope] = -1;
  return out;
}

/** Sets epochs to known numbers, so expected strings can be written out. */
async function setEpochs(values: [string, number | string][]) {
  for (const [scope, n] of values) {
    await pg`insert into page_epochs (scope, n) values (${scope}, ${String(n)}) on conflict (scope) do update set n = excluded.n`;
  }
}

async function fixture() {
  const owner = await makeUser();
  const other = await makeUser();
  const org = await makeOrg(owner);
  const orgB = await makeOrg(other);
  const project = await makeProject(org);
  const projectB = await makeProject(orgB);
  const team = await makeTeam(org, []);
  const labels = { A: org.id, B: orgB.id, owner: owner.id, other: other.id, global: GLOBAL };
  return { owner, other, org, orgB, project, projectB, team, labels };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;
type Write = (sql: Sql) => Promise<unknown>;
type Op = "insert" | "update" | "delete";

/**
 * One insert, one update and one delete of a row of each shown table, as plain SQL, with the
 * scopes each must move (labels of `fixture`, plus `newUser`/`newOrg` for the row written). The
 * written row always belongs to org A (or its people), and org B is never touched.
 */
function writesOn(table: (typeof SHOWN)[number], f: Fixture, ids: { newUser: string; newOrg: string }): Record<Op, [Write, Record<string, number>]> {
  const name = unique("epoch");
  const A = { A: 1 };
  switch (table) {
    case "users":
      return {
        insert: [(s) => s`insert into users (id, username, email, password_hash) values (${ids.newUser}, ${name}, ${name + "@example.test"}, 'not-a-hash')`, { newUser: 1 }],
        update: [(s) => s`update users set name = 'Renamed' where id = ${ids.newUser}`, { global: 1 }],
        delete: [(s) => s`delete from users where id = ${ids.newUser}`, { global: 1 }],
      };
    case "organizations":
      return {
        insert: [(s) => s`insert into organizations (id, slug, kind, display_name) values (${ids.newOrg}, ${name}, 'team', 'Epoch org')`, { newOrg: 1 }],
        update: [(s) => s`update organizations set description = 'changed' where id = ${ids.newOrg}`, { newOrg: 1 }],
        delete: [(s) => s`delete from organizations where id = ${ids.newOrg}`, { newOrg: 1 }],
      };
    case "memberships":
      return {
        insert: [(s) => s`insert into memberships (org_id, user_id, role) values (${f.org.id}, ${f.other.id}, 'member')`, { A: 1, other: 1 }],
        update: [(s) => s`update memberships set role = 'admin' where org_id = ${f.org.id} and user_id = ${f.other.id}`, { A: 1, other: 1 }],
        delete: [(s) => s`delete from memberships where org_id = ${f.org.id} and user_id = ${f.other.id}`, { A: 1, other: 1 }],
      };
    case "teams":
      return {
        insert: [(s) => s`insert into teams (org_id, name) values (${f.org.id}, ${name})`, A],
        update: [(s) => s`update teams set description = 'changed' where org_id = ${f.org.id} and name = ${name}`, A],
        delete: [(s) => s`delete from teams where org_id = ${f.org.id} and name = ${name}`, A],
      };
    case "team_members":
      return {
        insert: [(s) => s`insert into team_members (team_id, user_id) values (${f.team.id}, ${f.other.id})`, A],
        update: [(s) => s`update team_members set role = 'owner' where team_id = ${f.team.id} and user_id = ${f.other.id}`, A],
        delete: [(s) => s`delete from team_members where team_id = ${f.team.id} and user_id = ${f.other.id}`, A],
      };
    case "projects":
      return {
        insert: [(s) => s`insert into projects (org_id, slug, name) values (${f.org.id}, ${name}, ${name})`, A],
        update: [(s) => s`update projects set description = 'changed' where org_id = ${f.org.id} and slug = ${name}`, A],
        delete: [(s) => s`delete from projects where org_id = ${f.org.id} and slug = ${name}`, A],
      };
    case "project_tag_counts":
      return {
        insert: [(s) => s`insert into project_tag_counts (org_id, visibility, tag, projects) values (${f.org.id}, 'public', ${name}, 1)`, A],
        update: [(s) => s`update project_tag_counts set projects = 2 where org_id = ${f.org.id} and tag = ${name}`, A],
        delete: [(s) => s`delete from project_tag_counts where org_id = ${f.org.id} and tag = ${name}`, A],
      };
    case "project_grants":
      // The grantee's own scope stays: the grant shows on org A's pages.
      return {
        insert: [(s) => s`insert into project_grants (project_id, user_id, level) values (${f.project.id}, ${f.other.id}, 'read')`, A],
        update: [(s) => s`update project_grants set level = 'write' where project_id = ${f.project.id} and user_id = ${f.other.id}`, A],
        delete: [(s) => s`delete from project_grants where project_id = ${f.project.id} and user_id = ${f.other.id}`, A],
      };
    case "invitations":
      return {
        insert: [
          (s) => s`insert into invitations (org_id, email, role, token_hash, expires_at)
                   values (${f.org.id}, ${name + "@example.test"}, 'member', ${name}, now() + interval '1 day')`,
          A,
        ],
        update: [(s) => s`update invitations set status = 'revoked' where token_hash = ${name}`, A],
        delete: [(s) => s`delete from invitations where token_hash = ${name}`, A],
      };
    case "resources":
      return {
        insert: [(s) => s`insert into resources (project_id, kind, name) values (${f.project.id}, 'dataset', ${name})`, A],
        update: [(s) => s`update resources set description = 'changed' where project_id = ${f.project.id} and name = ${name}`, A],
        delete: [(s) => s`delete from resources where project_id = ${f.project.id} and name = ${name}`, A],
      };
    case "notifications":
      return {
        insert: [(s) => s`insert into notifications (user_id, kind, title) values (${f.owner.id}, 'test', ${name})`, { owner: 1 }],
        update: [(s) => s`update notifications set read_at = now() where title = ${name}`, { owner: 1 }],
        delete: [(s) => s`delete from notifications where title = ${name}`, { owner: 1 }],
      };
    case "favourite_workspaces":
      // A star shows in the starring user's switcher, not on the organization's pages.
      return {
        insert: [(s) => s`insert into favourite_workspaces (user_id, org_id) values (${f.other.id}, ${f.org.id})`, { other: 1 }],
        update: [
          (s) => s`update favourite_workspaces set created_at = now() - interval '1 day' where user_id = ${f.other.id} and org_id = ${f.org.id}`,
          { other: 1 },
        ],
        delete: [(s) => s`delete from favourite_workspaces where user_id = ${f.other.id} and org_id = ${f.org.id}`, { other: 1 }],
      };
  }
}

/** One insert, one update and one delete of a row of each excluded table. */
function excludedWrites(table: (typeof EXCLUDED)[number], f: Fixture): Record<Op, Write> {
  const name = unique("quiet");
  switch (table) {
    case "user_sessions":
      return {
        insert: (s) => s`insert into user_sessions (user_id, user_agent, expires_at) values (${f.owner.id}, ${name}, now() + interval '1 day')`,
        update: (s) => s`update user_sessions set last_seen_at = now() where user_agent = ${name}`,
        delete: (s) => s`delete from user_sessions where user_agent = ${name}`,
      };
    case "audit_events":
      return {
        insert: (s) => s`insert into audit_events (org_id, actor_name, action, target_type) values (${f.org.id}, ${name}, 'test', 'test')`,
        update: (s) => s`update audit_events set target_label = 'changed' where actor_name = ${name}`,
        delete: (s) => s`delete from audit_events where actor_name = ${name}`,
      };
    case "email_outbox":
      return {
        insert: (s) => s`insert into email_outbox ("to", subject, text) values (${name + "@example.test"}, 'Hello', 'Body')`,
        update: (s) => s`update email_outbox set status = 'sent' where "to" = ${name + "@example.test"}`,
        delete: (s) => s`delete from email_outbox where "to" = ${name + "@example.test"}`,
      };
    case "email_tokens":
      return {
        insert: (s) => s`insert into email_tokens (user_id, purpose, email, token_hash, expires_at)
                         values (${f.owner.id}, 'verify_email', ${f.owner.email}, ${name}, now() + interval '1 hour')`,
        update: (s) => s`update email_tokens set used_at = now() where token_hash = ${name}`,
        delete: (s) => s`delete from email_tokens where token_hash = ${name}`,
      };
    case "rate_limits":
      return {
        insert: (s) => s`insert into rate_limits (key, window_start, count) values (${name}, now(), 1)`,
        update: (s) => s`update rate_limits set count = 2 where key = ${name}`,
        delete: (s) => s`delete from rate_limits where key = ${name}`,
      };
    case "api_tokens":
      return {
        insert: (s) => s`insert into api_tokens (user_id, name, prefix, token_hash, permission) values (${f.owner.id}, ${name}, 'wb_', ${name}, 'read')`,
        update: (s) => s`update api_tokens set last_used_at = now() where token_hash = ${name}`,
        delete: (s) => s`delete from api_tokens where token_hash = ${name}`,
      };
  }
}

describe("the migration", () => {
  it("leaves exactly the global scope, at 1", () => {
    expect(AT_START).toEqual([{ scope: GLOBAL, n: "1" }]);
    expect(GLOBAL_PAGE_SCOPE).toBe(GLOBAL);
  });
});

describe("each committed write moves exactly the scopes whose pages show its rows", () => {
  it.each(SHOWN)("%s: insert, update and delete each move their scopes by exactly 1 and nothing else", async (table) => {
    const f = await fixture();
    const ids = { newUser: randomUUID(), newOrg: randomUUID() };
    const labels = { ...f.labels, ...ids };
    const w = writesOn(table, f, ids);
    for (const op of ["insert", "update", "delete"] as const) {
      const [write, expected] = w[op];
      expect(await moves(labels, () => write(pg)), `${table} ${op}`).toEqual(expected);
    }
  });

  it("a write in org B leaves org A's epoch and A's page reading unchanged; a write in A changes them", async () => {
    const f = await fixture();
    await pg`insert into memberships (org_id, user_id, role) values (${f.orgB.id}, ${f.owner.id}, 'member')`;
    const sessionId = await sessionOf(f.owner.id);
    const appDb = await db();
    const read = async (slug: string) => (await userAndPageEpoch(appDb, { userId: f.owner.id, sessionId }, slug))!.epoch;
    await setEpochs([[GLOBAL, 7], [f.org.id, 5], [f.orgB.id, 5], [f.owner.id, 3]]);
    expect(await read(f.org.slug)).toBe(`${GLOBAL}:7,${f.org.id}:5,${f.owner.id}:3`);

    expect(await moves(f.labels, () => pg`update projects set description = 'B changed' where id = ${f.projectB.id}`)).toEqual({ B: 1 });
    expect(await read(f.org.slug)).toBe(`${GLOBAL}:7,${f.org.id}:5,${f.owner.id}:3`);
    // Control: the same reading for B did change.
    expect(await read(f.orgB.slug)).toBe(`${GLOBAL}:7,${f.orgB.id}:6,${f.owner.id}:3`);

    expect(await moves(f.labels, () => pg`update projects set description = 'A changed' where id = ${f.project.id}`)).toEqual({ A: 1 });
    expect(await read(f.org.slug)).toBe(`${GLOBAL}:7,${f.org.id}:6,${f.owner.id}:3`);
  });

  it("a team grant in org A moves A only, not the team's members nor org B", async () => {
    const f = await fixture();
    const team = await makeTeam(f.org, [f.other.id]);
    expect(await moves(f.labels, () => pg`insert into project_grants (project_id, team_id, level) values (${f.project.id}, ${team.id}, 'read')`)).toEqual({ A: 1 });
  });

  it("one statement touching projects of two organizations moves both, once each", async () => {
    const f = await fixture();
    expect(await moves(f.labels, () => pg`update projects set description = 'both' where id in (${f.project.id}, ${f.projectB.id})`)).toEqual({ A: 1, B: 1 });
  });

  it("a resource moved from a project of org A to one of org B moves both organizations", async () => {
    const f = await fixture();
    const [{ id }] = await pg<{ id: string }[]>`insert into resources (project_id, kind, name) values (${f.project.id}, 'dataset', 'moving') returning id`;
    expect(await moves(f.labels, () => pg`update resources set project_id = ${f.projectB.id} where id = ${id}`)).toEqual({ A: 1, B: 1 });
    // Control: moved within B, only B.
    const projectB2 = await makeProject(f.orgB);
    expect(await moves(f.labels, () => pg`update resources set project_id = ${projectB2.id} where id = ${id}`)).toEqual({ B: 1 });
  });

  it("deleting a project with grants and resources moves its organization exactly once and nothing else", async () => {
    const f = await fixture();
    const team = await makeTeam(f.org, [f.other.id]);
    await pg`insert into project_grants (project_id, user_id, level) values (${f.project.id}, ${f.other.id}, 'write')`;
    await pg`insert into project_grants (project_id, team_id, level) values (${f.project.id}, ${team.id}, 'read')`;
    await pg`insert into resources (project_id, kind, name) select ${f.project.id}, 'dataset', 'r' || g from generate_series(1, 5) g`;
    expect(await moves(f.labels, () => pg`delete from projects where id = ${f.project.id}`)).toEqual({ A: 1 });
    const [{ left }] = await pg<{ left: number }[]>`
      select (select count(*) from project_grants where project_id = ${f.project.id})::int
           + (select count(*) from resources where project_id = ${f.project.id})::int as left`;
    expect(left).toBe(0);
  });

  it("deleting an organization moves it and the user scope of each of its members (their switchers list it)", async () => {
    const f = await fixture();
    await pg`insert into memberships (org_id, user_id, role) values (${f.org.id}, ${f.other.id}, 'member')`;
    expect(await moves(f.labels, () => pg`delete from organizations where id = ${f.org.id}`)).toEqual({ A: 1, owner: 1, other: 1 });
  });
});

describe("users: a name or address is on everyone's pages, the rest of the account only on its owner's", () => {
  it("a rename, and an address change, move the global scope only", async () => {
    const f = await fixture();
    expect(await moves(f.labels, () => pg`update users set name = 'Renamed' where id = ${f.owner.id}`)).toEqual({ global: 1 });
    expect(await moves(f.labels, () => pg`update users set email = ${unique("moved") + "@example.test"} where id = ${f.owner.id}`)).toEqual({ global: 1 });
  });

  it("a password change, a pending address, a verified address, or a default workspace moves only that user", async () => {
    const f = await fixture();
    expect(await moves(f.labels, () => pg`update users set email_verified_at = now() where id = ${f.owner.id}`)).toEqual({ owner: 1 });
    expect(await moves(f.labels, () => pg`update users set password_hash = 'another-hash' where id = ${f.owner.id}`)).toEqual({ owner: 1 });
    expect(await moves(f.labels, () => pg`update users set pending_email = 'next@example.test' where id = ${f.owner.id}`)).toEqual({ owner: 1 });
    expect(await moves(f.labels, () => pg`update users set default_org_id = ${f.org.id}, default_chosen = true where id = ${f.owner.id}`)).toEqual({ owner: 1 });
  });

  it("an update that changes the password and the name together moves the global scope", async () => {
    const f = await fixture();
    expect(await moves(f.labels, () => pg`update users set password_hash = 'h2', name = 'Both' where id = ${f.owner.id}`)).toEqual({ global: 1 });
  });

  it("an update that sets the name to what it already was moves only that user", async () => {
    const f = await fixture();
    await pg`update users set name = 'Same' where id = ${f.owner.id}`;
    expect(await moves(f.labels, () => pg`update users set name = 'Same' where id = ${f.owner.id}`)).toEqual({ owner: 1 });
  });

  it("a new user moves only that user; deleting a user with a personal workspace moves global, that workspace and the user", async () => {
    const newUser = randomUUID();
    const name = unique("fresh");
    expect(
      await moves({ newUser, global: GLOBAL }, () =>
        pg`insert into users (id, username, email, password_hash) values (${newUser}, ${name}, ${name + "@example.test"}, 'h')`),
    ).toEqual({ newUser: 1 });
    const u = await makeUser();
    expect(await moves({ user: u.id, personal: u.personalOrgId, global: GLOBAL }, () => pg`delete from users where id = ${u.id}`)).toEqual({
      global: 1,
      personal: 1,
      user: 1,
    });
  });
});

describe("one move per scope per committed transaction", () => {
  it("many statements over several scopes in one transaction move each scope by exactly 1", async () => {
    const f = await fixture();
    expect(
      await moves(f.labels, () =>
        pg.begin(async (tx) => {
          for (let i = 0; i < 40; i++) await tx`insert into notifications (user_id, kind, title) values (${f.owner.id}, 'test', ${"many " + i})`;
          await tx`update projects set description = 'changed' where org_id = ${f.org.id}`;
          await tx`insert into team_members (team_id, user_id) values (${f.team.id}, ${f.other.id})`;
          await tx`insert into memberships (org_id, user_id, role) values (${f.orgB.id}, ${f.owner.id}, 'member')`;
          await tx`update users set name = 'Renamed' where id in (${f.owner.id}, ${f.other.id})`;
          await tx`delete from notifications where user_id = ${f.owner.id}`;
        }),
      ),
    ).toEqual({ A: 1, B: 1, owner: 1, global: 1 });
  });

  it("the same kind of transaction rolled back moves nothing", async () => {
    const f = await fixture();
    expect(
      await moves(f.labels, () =>
        pg
          .begin(async (tx) => {
            await tx`insert into notifications (user_id, kind, title) values (${f.owner.id}, 'test', 'rolled back')`;
            await tx`update projects set description = 'rolled back' where org_id = ${f.org.id}`;
            await tx`update users set name = 'Rolled back' where id = ${f.owner.id}`;
            throw new Error("roll back");
          })
          .catch((err: Error) => expect(err.message).toBe("roll back")),
      ),
    ).toEqual({});
    const [{ n }] = await pg<{ n: number }[]>`select count(*)::int as n from notifications where title = 'rolled back'`;
    expect(n).toBe(0);
  });

  it("a savepoint rolled back inside a committed transaction: its scopes do not move, the others do", async () => {
    const f = await fixture();
    const rolledBack = (tx: postgres.TransactionSql) =>
      tx
        .savepoint(async (sp) => {
          await sp`update projects set description = 'undone' where id = ${f.projectB.id}`;
          await sp`insert into notifications (user_id, kind, title) values (${f.other.id}, 'test', 'undone')`;
          throw new Error("undo");
        })
        .catch((err: Error) => expect(err.message).toBe("undo"));
    // Written before the savepoint, and (the savepoint holding the transaction's first note) after it.
    expect(
      await moves(f.labels, () =>
        pg.begin(async (tx) => {
          await tx`update projects set description = 'kept' where id = ${f.project.id}`;
          await rolledBack(tx);
          await tx`insert into notifications (user_id, kind, title) values (${f.owner.id}, 'test', 'kept')`;
        }),
      ),
    ).toEqual({ A: 1, owner: 1 });
    expect(
      await moves(f.labels, () =>
        pg.begin(async (tx) => {
          await rolledBack(tx);
          await tx`update projects set description = 'kept again' where id = ${f.project.id}`;
        }),
      ),
    ).toEqual({ A: 1 });
    // Control: the same savepoint released moves its scopes with the rest.
    expect(
      await moves(f.labels, () =>
        pg.begin(async (tx) => {
          await tx`update projects set description = 'kept' where id = ${f.project.id}`;
          await tx.savepoint((sp) => sp`update projects set description = 'released' where id = ${f.projectB.id}`);
        }),
      ),
    ).toEqual({ A: 1, B: 1 });
  });

  it("with the commit-time move made immediate, every write still moves its scopes (a script may run SET CONSTRAINTS ALL IMMEDIATE)", async () => {
    const f = await fixture();
    expect(
      await moves(f.labels, () =>
        pg.begin(async (tx) => {
          await tx`set constraints page_epoch_at_commit immediate`;
          await tx`update projects set description = 'immediate' where id = ${f.project.id}`;
        }),
      ),
    ).toEqual({ A: 1 });
    // Made immediate halfway: what was noted moves then, what is written after moves too.
    expect(
      await moves(f.labels, () =>
        pg.begin(async (tx) => {
          await tx`update projects set description = 'before' where id = ${f.project.id}`;
          await tx`set constraints all immediate`;
          await tx`update projects set description = 'after' where id = ${f.projectB.id}`;
        }),
      ),
    ).toEqual({ A: 1, B: 1 });
  });

  it("TRUNCATE of a shown table moves the global scope; rolled back, nothing", async () => {
    const f = await fixture();
    await pg`insert into favourite_workspaces (user_id, org_id) values (${f.owner.id}, ${f.org.id})`;
    expect(await moves(f.labels, () => pg`truncate favourite_workspaces`)).toEqual({ global: 1 });
    expect(
      await moves(f.labels, () =>
        pg.begin(async (tx) => {
          // A row written before, on another table (PostgreSQL refuses to truncate a table with its own
          // deferred trigger events pending), and one after, on the truncated table.
          await tx`insert into notifications (user_id, kind, title) values (${f.owner.id}, 'test', 'before truncate')`;
          await tx`truncate favourite_workspaces`;
          await tx`insert into favourite_workspaces (user_id, org_id) values (${f.other.id}, ${f.org.id})`;
        }),
      ),
    ).toEqual({ global: 1, owner: 1, other: 1 });
    expect(
      await moves(f.labels, () =>
        pg
          .begin(async (tx) => {
            await tx`truncate favourite_workspaces`;
            throw new Error("roll back");
          })
          .catch((err: Error) => expect(err.message).toBe("roll back")),
      ),
    ).toEqual({});
  });

  it("a transaction writing 50,000 resources in five statements queues one commit-time move, not one per row", async () => {
    const f = await fixture();
    let during = { commitRows: -1, noteRows: -1, notes: -1, bumpsBefore: -1, bumpsAfter: -1, commitRowsAfter: -1 };
    const calls = async (tx: postgres.TransactionSql, fn: string) => {
      const [row] = await tx<{ calls: number }[]>`select calls::int from pg_stat_xact_user_functions where funcname = ${fn}`;
      return row?.calls ?? 0;
    };
    expect(
      await moves(f.labels, () =>
        pg.begin(async (tx) => {
          await tx`set local track_functions = 'pl'`;
          for (let part = 0; part < 5; part++) {
            await tx`insert into resources (project_id, kind, name)
                     select ${f.project.id}, 'dataset', 'bulk ' || ${part} || ' ' || g from generate_series(1, 10000) g`;
          }
          const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from page_epoch_commits where txid = txid_current()`;
          const before = { commitRows: n, noteRows: await calls(tx, "page_epoch_note_rows"), notes: await calls(tx, "page_epoch_note"), bumpsBefore: await calls(tx, "page_epoch_bump") };
          // Runs what commit would run now, so its calls can still be counted in this transaction.
          await tx`set constraints page_epoch_at_commit immediate`;
          const [{ left }] = await tx<{ left: number }[]>`select count(*)::int as left from page_epoch_commits where txid = txid_current()`;
          during = { ...before, bumpsAfter: await calls(tx, "page_epoch_bump"), commitRowsAfter: left };
        }),
      ),
    ).toEqual({ A: 1 });
    expect(during).toEqual({ commitRows: 1, noteRows: 5, notes: 5, bumpsBefore: 0, bumpsAfter: 1, commitRowsAfter: 0 });
    const [{ n }] = await pg<{ n: number }[]>`select count(*)::int as n from page_epoch_commits`;
    expect(n).toBe(0);
    const [{ rows }] = await pg<{ rows: number }[]>`select count(*)::int as rows from resources where project_id = ${f.project.id}`;
    expect(rows).toBe(50_000);
  });

  it("the same bulk write left to commit on its own leaves no commit row behind and moves its organization once", async () => {
    const f = await fixture();
    let queued = -1;
    expect(
      await moves(f.labels, () =>
        pg.begin(async (tx) => {
          await tx`insert into resources (project_id, kind, name) select ${f.project.id}, 'dataset', 'bulk ' || g from generate_series(1, 50000) g`;
          [{ queued }] = await tx<{ queued: number }[]>`select count(*)::int as queued from page_epoch_commits where txid = txid_current()`;
        }),
      ),
    ).toEqual({ A: 1 });
    expect(queued).toBe(1);
    const [{ n }] = await pg<{ n: number }[]>`select count(*)::int as n from page_epoch_commits`;
    expect(n).toBe(0);
  });
});

describe("writes to tables no kept page shows move nothing", () => {
  it.each(EXCLUDED)("a committed insert, update and delete on %s move no scope", async (table) => {
    const f = await fixture();
    const w = excludedWrites(table, f);
    for (const op of ["insert", "update", "delete"] as const) expect(await moves(f.labels, () => w[op](pg)), `${table} ${op}`).toEqual({});
  });

  it("control: the same writes in a transaction that also renames a user move the global scope by exactly 1", async () => {
    const f = await fixture();
    const writes = EXCLUDED.map((t) => excludedWrites(t, f));
    expect(
      await moves(f.labels, () =>
        pg.begin(async (tx) => {
          for (const w of writes) await w.insert(tx);
          await tx`update users set name = 'Renamed' where id = ${f.owner.id}`;
        }),
      ),
    ).toEqual({ global: 1 });
  });
});

describe("every table is classified", () => {
  const carrying = async (trigger: string) =>
    (
      await pg<{ t: string }[]>`
        select c.relname as t from pg_trigger g
        join pg_class c on c.oid = g.tgrelid join pg_namespace s on s.oid = c.relnamespace
        where s.nspname = 'public' and g.tgname = ${trigger} order by 1`
    ).map((r) => r.t);

  it.each(["page_epoch_note_insert", "page_epoch_note_update", "page_epoch_note_delete", "page_epoch_on_truncate"])(
    "%s is on exactly the shown tables, none of the excluded ones",
    async (trigger) => {
      expect(await carrying(trigger)).toEqual([...SHOWN].sort());
    },
  );

  it("the commit-time move is deferred by default and hangs on page_epoch_commits alone", async () => {
    const rows = await pg<{ t: string; deferrable: boolean; deferred: boolean }[]>`
      select c.relname as t, g.tgdeferrable as deferrable, g.tginitdeferred as deferred
      from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname = 'page_epoch_at_commit'`;
    expect(rows).toEqual([{ t: "page_epoch_commits", deferrable: true, deferred: true }]);
  });

  it("every public table is either shown or deliberately excluded: a new table must be put in one list", async () => {
    const tables = (
      await pg<{ t: string }[]>`
        select tablename as t from pg_tables
        where schemaname = 'public' and tablename not in ('page_epochs', 'page_epoch_commits', '__drizzle_migrations') order by 1`
    ).map((r) => r.t);
    expect(tables).toEqual([...SHOWN, ...EXCLUDED].sort());
  });
});

/** The state pg_stat_activity reports for a backend: shows a transaction really is still open. */
async function stateOf(pid: number): Promise<string> {
  const [{ state }] = await pg<{ state: string }[]>`select state from pg_stat_activity where pid = ${pid}`;
  return state;
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

async function sessionOf(userId: string, expiresIn = "1 day"): Promise<string> {
  const [{ id }] = await pg<{ id: string }[]>`
    insert into user_sessions (user_id, expires_at) values (${userId}, now() + ${expiresIn}::interval) returning id`;
  return id;
}

describe("epochs move at commit, not at the write", () => {
  it("while a write is uncommitted, other connections and the writer itself read the old epochs; after commit, one more", async () => {
    const f = await fixture();
    const appDb = await db();
    const claims = { userId: f.owner.id, sessionId: await sessionOf(f.owner.id) };
    await setEpochs([[GLOBAL, 11], [f.org.id, 20], [f.owner.id, 30]]);
    // The read the page cache makes, on the app's own pool: another connection than the writer's.
    const readElsewhere = async () => (await userAndPageEpoch(appDb, claims, f.org.slug))!.epoch;
    const wrote = gate();
    const commit = gate();
    let pid = 0;
    let insideWriter = "";
    const writer = pg.begin(async (tx) => {
      [{ pid }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await tx`update projects set description = 'uncommitted' where id = ${f.project.id}`;
      [{ insideWriter }] = await tx<{ insideWriter: string }[]>`select n::text as "insideWriter" from page_epochs where scope = ${f.org.id}`;
      wrote.open();
      await commit.opened;
    });
    await wrote.opened;
    expect(await stateOf(pid)).toBe("idle in transaction");
    expect(insideWriter).toBe("20");
    expect(await readElsewhere()).toBe(`${GLOBAL}:11,${f.org.id}:20,${f.owner.id}:30`);
    commit.open();
    await writer;
    expect(await readElsewhere()).toBe(`${GLOBAL}:11,${f.org.id}:21,${f.owner.id}:30`);
  });

  /**
   * Two writers on projects of the same organization: A writes and stays open; B writes and commits.
   * Says what B did first while A was open (committed, or waited on a lock), both measured.
   */
  async function twoWritersOneOrg(immediate: boolean) {
    const f = await fixture();
    const second = await makeProject(f.org);
    const before = await snapshot();
    const orgMoved = async () => Number(((await snapshot()).get(f.org.id) ?? 0n) - (before.get(f.org.id) ?? 0n));
    const wrote = gate();
    const commitA = gate();
    let pidA = 0;
    const a = pg.begin(async (tx) => {
      [{ pid: pidA }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      if (immediate) await tx`set constraints page_epoch_at_commit immediate`;
      await tx`update projects set description = 'A' where id = ${f.project.id}`;
      wrote.open();
      await commitA.opened;
    });
    await wrote.opened;
    let bCommitted = false;
    const b = pg
      .begin(async (tx) => {
        if (immediate) await tx`set constraints page_epoch_at_commit immediate`;
        await tx`update projects set description = 'B' where id = ${second.id}`;
      })
      .then(() => (bCommitted = true));
    let whileAOpen = "";
    for (const deadline = Date.now() + 10_000; !whileAOpen; await new Promise((r) => setTimeout(r, 20))) {
      if (bCommitted) whileAOpen = "B committed";
      else if ((await lockWaiters(pg)) > 0) whileAOpen = "B waits on a lock";
      else if (Date.now() > deadline) whileAOpen = "neither";
    }
    const aState = await stateOf(pidA);
    const movedWhileAOpen = await orgMoved();
    commitA.open();
    await Promise.all([a, b]);
    return { whileAOpen, aState, movedWhileAOpen, moved: await orgMoved() };
  }

  it("two writers in one organization: the second commits while the first is still open, without waiting; the org moves by 2", async () => {
    expect(await twoWritersOneOrg(false)).toEqual({ whileAOpen: "B committed", aState: "idle in transaction", movedWhileAOpen: 1, moved: 2 });
  });

  it("control: were the epoch moved at the write (constraint made immediate), the second writer would queue behind the first", async () => {
    expect(await twoWritersOneOrg(true)).toEqual({ whileAOpen: "B waits on a lock", aState: "idle in transaction", movedWhileAOpen: 0, moved: 2 });
  });

  /**
   * A writes project X; B locks project Y and writes it; A then asks for Y and waits for B. X and Y
   * are in the same organization, so the only way this can close a cycle is through that
   * organization's epoch row: if a write took it (as an immediate move would), A would hold it while
   * waiting for Y and B would wait for it while holding Y.
   */
  async function crossingWriters(immediate: boolean) {
    const f = await fixture();
    const y = await makeProject(f.org);
    const before = await snapshot();
    const aWrote = gate();
    const bHoldsY = gate();
    const bMayCommit = gate();
    let pidA = 0;
    let bWrote = false;
    const a = pg.begin(async (tx) => {
      [{ pid: pidA }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      if (immediate) await tx`set constraints page_epoch_at_commit immediate`;
      await tx`update projects set description = 'A' where id = ${f.project.id}`;
      aWrote.open();
      await bHoldsY.opened;
      await tx`select id from projects where id = ${y.id} for update`;
    });
    const b = pg.begin(async (tx) => {
      if (immediate) await tx`set constraints page_epoch_at_commit immediate`;
      await aWrote.opened;
      await tx`select id from projects where id = ${y.id} for update`;
      bHoldsY.open();
      await tx`update projects set description = 'B' where id = ${y.id}`;
      bWrote = true;
      await bMayCommit.opened;
    });
    await bHoldsY.opened;
    const waiting = await waitForLockWaiters(pg, 1);
    const waiters = (await pg<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`).map((r) => r.pid);
    bMayCommit.open();
    const settled = await Promise.allSettled([a, b]);
    const outcome = settled.map((s) => (s.status === "fulfilled" ? "committed" : (s.reason as { code?: string }).code));
    const moved = Number((await snapshot()).get(f.org.id)! - (before.get(f.org.id) ?? 0n));
    return { waiting, aWasTheWaiter: waiters.includes(pidA), bWrote, outcome, moved };
  }

  it("a writer waiting for a row another writer of the same org holds does not deadlock: A queues behind B, both commit, the org moves by 2", async () => {
    const r = await crossingWriters(false);
    expect(r).toEqual({ waiting: 1, aWasTheWaiter: true, bWrote: true, outcome: ["committed", "committed"], moved: 2 });
  });

  it("control: the same interleaving with the epoch moved at the write deadlocks (so the case above really tests the deferral)", async () => {
    const r = await crossingWriters(true);
    // deadlock_detected: PostgreSQL aborts one of the two after deadlock_timeout.
    expect(r.outcome.filter((o) => o === "40P01")).toHaveLength(1);
    expect(r.outcome.filter((o) => o === "committed")).toHaveLength(1);
    expect(r.moved).toBe(1);
  });
});

describe("userAndPageEpoch: the session check and the epochs in one read", () => {
  it("a live session gives its user, without the password hash, and global, workspace and user epochs as an exact string", async () => {
    const name = unique("epochuser");
    const [user] = await pg<{ id: string }[]>`
      insert into users (username, email, name, password_hash, default_chosen)
      values (${name}, ${name + "@example.test"}, 'Epoch User', 'secret-hash', false) returning id`;
    const org = await makeOrg(user);
    const sessionId = await sessionOf(user.id);
    // Past 2^53: a number would round it, the string must not. The user's scope has no row: it reads 0.
    await setEpochs([[GLOBAL, "9007199254740993"], [org.id, 41]]);
    await pg`delete from page_epochs where scope = ${user.id}`;
    const live = await userAndPageEpoch(await db(), { userId: user.id, sessionId }, org.slug);
    expect(live?.epoch).toBe(`${GLOBAL}:9007199254740993,${org.id}:41,${user.id}:0`);
    expect(live?.user).toMatchObject({ id: user.id, username: name, email: `${name}@example.test`, name: "Epoch User", emailVerifiedAt: null });
    expect(live?.user).not.toHaveProperty("passwordHash");
    expect(JSON.stringify(live)).not.toContain("secret-hash");

    await pg`update users set name = 'Renamed' where id = ${user.id}`;
    await pg`update organizations set description = 'changed' where id = ${org.id}`;
    await pg`update users set password_hash = 'another' where id = ${user.id}`;
    expect((await userAndPageEpoch(await db(), { userId: user.id, sessionId }, org.slug))?.epoch).toBe(
      `${GLOBAL}:9007199254740994,${org.id}:42,${user.id}:1`,
    );
  });

  it("a slug that names no organization gives only the global and user epochs; the slug is matched case-insensitively", async () => {
    const user = await makeUser();
    const org = await makeOrg(user);
    const sessionId = await sessionOf(user.id);
    await setEpochs([[GLOBAL, 3], [org.id, 8], [user.id, 5]]);
    const read = async (slug: string) => (await userAndPageEpoch(await db(), { userId: user.id, sessionId }, slug))?.epoch;
    expect(await read(unique("nosuchorg"))).toBe(`${GLOBAL}:3,${user.id}:5`);
    expect(await read(org.slug.toUpperCase())).toBe(`${GLOBAL}:3,${org.id}:8,${user.id}:5`);
    expect(await read(org.slug)).toBe(`${GLOBAL}:3,${org.id}:8,${user.id}:5`);
  });

  it("a slug that now names another organization reads differently, even when both organizations' numbers are equal", async () => {
    const user = await makeUser();
    const first = await makeOrg(user);
    const second = await makeOrg(user);
    const sessionId = await sessionOf(user.id);
    const slug = first.slug;
    await setEpochs([[GLOBAL, 2], [first.id, 9], [second.id, 9], [user.id, 4]]);
    const read = async () => (await userAndPageEpoch(await db(), { userId: user.id, sessionId }, slug))?.epoch;
    expect(await read()).toBe(`${GLOBAL}:2,${first.id}:9,${user.id}:4`);
    await pg.begin(async (tx) => {
      await tx`update organizations set slug = ${slug + "-old"} where id = ${first.id}`;
      await tx`update organizations set slug = ${slug} where id = ${second.id}`;
    });
    await setEpochs([[first.id, 9], [second.id, 9]]);
    expect(await read()).toBe(`${GLOBAL}:2,${second.id}:9,${user.id}:4`);
  });

  it("an ended session (row deleted) gives null; the same claims gave the user before", async () => {
    const user = await makeUser();
    const sessionId = await sessionOf(user.id);
    expect((await userAndPageEpoch(await db(), { userId: user.id, sessionId }, user.username))?.user.id).toBe(user.id);
    await pg`delete from user_sessions where id = ${sessionId}`;
    expect(await userAndPageEpoch(await db(), { userId: user.id, sessionId }, user.username)).toBeNull();
  });

  it("an expired session gives null; an unexpired one of the same user gives the user", async () => {
    const user = await makeUser();
    const expired = await sessionOf(user.id, "-1 minute");
    const live = await sessionOf(user.id, "1 minute");
    expect(await userAndPageEpoch(await db(), { userId: user.id, sessionId: expired }, user.username)).toBeNull();
    expect((await userAndPageEpoch(await db(), { userId: user.id, sessionId: live }, user.username))?.user.id).toBe(user.id);
  });

  it("another user's session id with this user's id gives null; with its own user it is live", async () => {
    const me = await makeUser();
    const other = await makeUser();
    const othersSession = await sessionOf(other.id);
    expect(await userAndPageEpoch(await db(), { userId: me.id, sessionId: othersSession }, me.username)).toBeNull();
    expect((await userAndPageEpoch(await db(), { userId: other.id, sessionId: othersSession }, me.username))?.user.id).toBe(other.id);
  });
});

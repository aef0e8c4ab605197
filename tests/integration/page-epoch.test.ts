import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { userAndPageEpoch } from "@/lib/data/sessions";
import { db, makeOrg, makeProject, makeTeam, makeUser, unique } from "../factories";
import { secondConnection, waitForLockWaiters } from "./race-helpers";

// A kept page is served again only while the epoch has not moved, so a write to any table a page
// shows that fails to move it leaves people looking at stale (or revoked) data.
const SHOWN = [
  "users", "organizations", "memberships", "teams", "team_members", "projects",
  "project_tag_counts", "project_grants", "invitations", "resources", "notifications", "favourite_workspaces",
] as const;
// Tables no kept page shows: moving the epoch on them would only throw kept pages away.
const EXCLUDED = ["user_sessions", "audit_events", "email_outbox", "email_tokens", "rate_limits", "api_tokens"] as const;

const pg = secondConnection();

async function epoch(sql: postgres.Sql | postgres.TransactionSql = pg): Promise<bigint> {
  const [{ n }] = await sql<{ n: string }[]>`select n::text as n from page_epoch`;
  return BigInt(n);
}

/** How far the epoch moved while `work` ran. */
async function moved(work: () => Promise<unknown>): Promise<number> {
  const before = await epoch();
  await work();
  return Number((await epoch()) - before);
}

async function fixture() {
  const owner = await makeUser();
  const other = await makeUser();
  const org = await makeOrg(owner);
  const project = await makeProject(org);
  const team = await makeTeam(org, []);
  return { owner, other, org, project, team };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;
type Write = (sql: postgres.Sql) => Promise<unknown>;

/** One insert, one update and one delete of a row of each shown table, as plain SQL. */
function writesOn(table: (typeof SHOWN)[number], f: Fixture): { insert: Write; update: Write; delete: Write } {
  const name = unique("epoch");
  switch (table) {
    case "users":
      return {
        insert: (s) => s`insert into users (username, email, password_hash) values (${name}, ${name + "@example.test"}, 'not-a-hash')`,
        update: (s) => s`update users set name = 'Renamed' where username = ${name}`,
        delete: (s) => s`delete from users where username = ${name}`,
      };
    case "organizations":
      return {
        insert: (s) => s`insert into organizations (slug, kind, display_name) values (${name}, 'team', 'Epoch org')`,
        update: (s) => s`update organizations set description = 'changed' where slug = ${name}`,
        delete: (s) => s`delete from organizations where slug = ${name}`,
      };
    case "memberships":
      return {
        insert: (s) => s`insert into memberships (org_id, user_id, role) values (${f.org.id}, ${f.other.id}, 'member')`,
        update: (s) => s`update memberships set role = 'admin' where org_id = ${f.org.id} and user_id = ${f.other.id}`,
        delete: (s) => s`delete from memberships where org_id = ${f.org.id} and user_id = ${f.other.id}`,
      };
    case "teams":
      return {
        insert: (s) => s`insert into teams (org_id, name) values (${f.org.id}, ${name})`,
        update: (s) => s`update teams set description = 'changed' where org_id = ${f.org.id} and name = ${name}`,
        delete: (s) => s`delete from teams where org_id = ${f.org.id} and name = ${name}`,
      };
    case "team_members":
      return {
        insert: (s) => s`insert into team_members (team_id, user_id) values (${f.team.id}, ${f.other.id})`,
        update: (s) => s`update team_members set role = 'owner' where team_id = ${f.team.id} and user_id = ${f.other.id}`,
        delete: (s) => s`delete from team_members where team_id = ${f.team.id} and user_id = ${f.other.id}`,
      };
    case "projects":
      return {
        insert: (s) => s`insert into projects (org_id, slug, name) values (${f.org.id}, ${name}, ${name})`,
        update: (s) => s`update projects set description = 'changed' where org_id = ${f.org.id} and slug = ${name}`,
        delete: (s) => s`delete from projects where org_id = ${f.org.id} and slug = ${name}`,
      };
    case "project_tag_counts":
      return {
        insert: (s) => s`insert into project_tag_counts (org_id, visibility, tag, projects) values (${f.org.id}, 'public', ${name}, 1)`,
        update: (s) => s`update project_tag_counts set projects = 2 where org_id = ${f.org.id} and tag = ${name}`,
        delete: (s) => s`delete from project_tag_counts where org_id = ${f.org.id} and tag = ${name}`,
      };
    case "project_grants":
      return {
        insert: (s) => s`insert into project_grants (project_id, user_id, level) values (${f.project.id}, ${f.other.id}, 'read')`,
        update: (s) => s`update project_grants set level = 'write' where project_id = ${f.project.id} and user_id = ${f.other.id}`,
        delete: (s) => s`delete from project_grants where project_id = ${f.project.id} and user_id = ${f.other.id}`,
      };
    case "invitations":
      return {
        insert: (s) => s`insert into invitations (org_id, email, role, token_hash, expires_at)
                         values (${f.org.id}, ${name + "@example.test"}, 'member', ${name}, now() + interval '1 day')`,
        update: (s) => s`update invitations set status = 'revoked' where token_hash = ${name}`,
        delete: (s) => s`delete from invitations where token_hash = ${name}`,
      };
    case "resources":
      return {
        insert: (s) => s`insert into resources (project_id, kind, name) values (${f.project.id}, 'dataset', ${name})`,
        update: (s) => s`update resources set description = 'changed' where project_id = ${f.project.id} and name = ${name}`,
        delete: (s) => s`delete from resources where project_id = ${f.project.id} and name = ${name}`,
      };
    case "notifications":
      return {
        insert: (s) => s`insert into notifications (user_id, kind, title) values (${f.owner.id}, 'test', ${name})`,
        update: (s) => s`update notifications set read_at = now() where title = ${name}`,
        delete: (s) => s`delete from notifications where title = ${name}`,
      };
    case "favourite_workspaces":
      return {
        insert: (s) => s`insert into favourite_workspaces (user_id, org_id) values (${f.other.id}, ${f.org.id})`,
        update: (s) => s`update favourite_workspaces set created_at = now() - interval '1 day' where user_id = ${f.other.id} and org_id = ${f.org.id}`,
        delete: (s) => s`delete from favourite_workspaces where user_id = ${f.other.id} and org_id = ${f.org.id}`,
      };
  }
}

/** One insert, one update and one delete of a row of each excluded table. */
function excludedWrites(table: (typeof EXCLUDED)[number], f: Fixture): { insert: Write; update: Write; delete: Write } {
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

describe("the page epoch moves once per committed transaction that writes a shown table", () => {
  it.each(SHOWN)("a committed insert, update and delete on %s each move it by exactly 1", async (table) => {
    const f = await fixture();
    const w = writesOn(table, f);
    expect(await moved(() => w.insert(pg))).toBe(1);
    expect(await moved(() => w.update(pg))).toBe(1);
    expect(await moved(() => w.delete(pg))).toBe(1);
  });

  it("a transaction with many writes to several shown tables moves it by exactly 1", async () => {
    const f = await fixture();
    const delta = await moved(() =>
      pg.begin(async (tx) => {
        for (let i = 0; i < 40; i++) await tx`insert into notifications (user_id, kind, title) values (${f.owner.id}, 'test', ${"many " + i})`;
        await tx`update projects set description = 'changed' where org_id = ${f.org.id}`;
        await tx`insert into team_members (team_id, user_id) values (${f.team.id}, ${f.other.id})`;
        await tx`update users set name = 'Renamed' where id in (${f.owner.id}, ${f.other.id})`;
        await tx`delete from notifications where user_id = ${f.owner.id}`;
      }),
    );
    expect(delta).toBe(1);
  });

  it("a rolled-back transaction with the same kind of writes moves it by 0", async () => {
    const f = await fixture();
    const delta = await moved(() =>
      pg
        .begin(async (tx) => {
          await tx`insert into notifications (user_id, kind, title) values (${f.owner.id}, 'test', 'rolled back')`;
          await tx`update projects set description = 'rolled back' where org_id = ${f.org.id}`;
          await tx`update users set name = 'Rolled back' where id = ${f.owner.id}`;
          throw new Error("roll back");
        })
        .catch((err: Error) => expect(err.message).toBe("roll back")),
    );
    expect(delta).toBe(0);
    const [{ n }] = await pg<{ n: number }[]>`select count(*)::int as n from notifications where title = 'rolled back'`;
    expect(n).toBe(0);
  });

  it("TRUNCATE of a shown table in a committed transaction moves it by exactly 1, even with row writes beside it", async () => {
    const f = await fixture();
    await pg`insert into favourite_workspaces (user_id, org_id) values (${f.owner.id}, ${f.org.id})`;
    expect(await moved(() => pg`truncate favourite_workspaces`)).toBe(1);
    const delta = await moved(() =>
      pg.begin(async (tx) => {
        // A row written before, on another table (PostgreSQL refuses to truncate a table with its own
        // deferred trigger events pending), and one after, on the truncated table.
        await tx`insert into notifications (user_id, kind, title) values (${f.owner.id}, 'test', 'before truncate')`;
        await tx`truncate favourite_workspaces`;
        await tx`insert into favourite_workspaces (user_id, org_id) values (${f.owner.id}, ${f.org.id})`;
      }),
    );
    expect(delta).toBe(1);
  });

  it("a rolled-back TRUNCATE moves it by 0", async () => {
    const delta = await moved(() =>
      pg
        .begin(async (tx) => {
          await tx`truncate favourite_workspaces`;
          throw new Error("roll back");
        })
        .catch(() => {}),
    );
    expect(delta).toBe(0);
  });
});

describe("writes to tables no kept page shows leave the epoch alone", () => {
  it.each(EXCLUDED)("a committed insert, update and delete on %s move it by 0", async (table) => {
    const f = await fixture();
    const w = excludedWrites(table, f);
    expect(await moved(() => w.insert(pg))).toBe(0);
    expect(await moved(() => w.update(pg))).toBe(0);
    expect(await moved(() => w.delete(pg))).toBe(0);
  });

  it("control: the same writes in a transaction that also renames a user move it by exactly 1", async () => {
    const f = await fixture();
    const writes = EXCLUDED.map((t) => excludedWrites(t, f));
    const delta = await moved(() =>
      pg.begin(async (tx) => {
        for (const w of writes) await w.insert(tx as unknown as postgres.Sql);
        await tx`update users set name = 'Renamed' where id = ${f.owner.id}`;
      }),
    );
    expect(delta).toBe(1);
  });
});

describe("every table is classified", () => {
  it("the tables carrying the epoch triggers are exactly the shown ones", async () => {
    const carrying = async (trigger: string) =>
      (
        await pg<{ t: string }[]>`
          select c.relname as t from pg_trigger g
          join pg_class c on c.oid = g.tgrelid join pg_namespace s on s.oid = c.relnamespace
          where s.nspname = 'public' and g.tgname = ${trigger} order by 1`
      ).map((r) => r.t);
    expect(await carrying("page_epoch_on_write")).toEqual([...SHOWN].sort());
    expect(await carrying("page_epoch_on_truncate")).toEqual([...SHOWN].sort());
  });

  it("every public table is either shown or deliberately excluded: a new table must be put in one list", async () => {
    const tables = (
      await pg<{ t: string }[]>`
        select tablename as t from pg_tables
        where schemaname = 'public' and tablename not in ('page_epoch', '__drizzle_migrations') order by 1`
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

describe("the epoch moves at commit, not at the write", () => {
  it("while a write is uncommitted, other connections and the writer itself still read the old epoch; after commit, one more", async () => {
    const f = await fixture();
    const appDb = await db();
    const claims = { userId: f.owner.id, sessionId: await sessionOf(f.owner.id) };
    // The read the page cache makes, on the app's own pool: another connection than the writer's.
    const readElsewhere = async () => (await userAndPageEpoch(appDb, claims))!.epoch;
    const before = await epoch();
    const wrote = gate();
    const commit = gate();
    let pid = 0;
    let insideWriter = 0n;
    const writer = pg.begin(async (tx) => {
      [{ pid }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await tx`update projects set description = 'uncommitted' where id = ${f.project.id}`;
      insideWriter = await epoch(tx);
      wrote.open();
      await commit.opened;
    });
    await wrote.opened;
    expect(await stateOf(pid)).toBe("idle in transaction");
    expect(insideWriter - before).toBe(0n);
    expect(BigInt(await readElsewhere()) - before).toBe(0n);
    expect(await epoch() - before).toBe(0n);
    commit.open();
    await writer;
    expect(BigInt(await readElsewhere()) - before).toBe(1n);
  });

  it("two writers on different organizations' projects: the second commits while the first is open, no waiting; the epoch moves by 2", async () => {
    const f1 = await fixture();
    const f2 = await fixture();
    const before = await epoch();
    const wrote = gate();
    const commitA = gate();
    let pidA = 0;
    const a = pg.begin(async (tx) => {
      [{ pid: pidA }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await tx`update projects set description = 'A' where id = ${f1.project.id}`;
      wrote.open();
      await commitA.opened;
    });
    await wrote.opened;
    await pg.begin((tx) => tx`update projects set description = 'B' where id = ${f2.project.id}`);
    expect(await stateOf(pidA)).toBe("idle in transaction");
    expect(await epoch() - before).toBe(1n);
    commitA.open();
    await a;
    expect(await epoch() - before).toBe(2n);
  });

  it("control: were the epoch taken at the write (constraint made immediate), the second writer would queue behind the first", async () => {
    const f1 = await fixture();
    const f2 = await fixture();
    const wrote = gate();
    const commitA = gate();
    const a = pg.begin(async (tx) => {
      await tx`set constraints page_epoch_on_write immediate`;
      await tx`update projects set description = 'A' where id = ${f1.project.id}`;
      wrote.open();
      await commitA.opened;
    });
    await wrote.opened;
    let bDone = false;
    const b = pg
      .begin(async (tx) => {
        await tx`set constraints page_epoch_on_write immediate`;
        await tx`update projects set description = 'B' where id = ${f2.project.id}`;
      })
      .then(() => (bDone = true));
    expect(await waitForLockWaiters(pg, 1)).toBe(1);
    expect(bDone).toBe(false);
    commitA.open();
    await Promise.all([a, b]);
  });

  /**
   * A writes row X; B locks row Y and writes it; A then asks for Y and waits for B. The only way
   * this can close a cycle is through the epoch row: if a write took it (as an immediate trigger
   * would), A would hold it while waiting for Y and B would wait for it while holding Y.
   */
  async function crossingWriters(immediate: boolean) {
    const f1 = await fixture();
    const f2 = await fixture();
    const before = await epoch();
    const aWrote = gate();
    const bHoldsY = gate();
    const bMayCommit = gate();
    let pidA = 0;
    let bWrote = false;
    const a = pg.begin(async (tx) => {
      [{ pid: pidA }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      if (immediate) await tx`set constraints page_epoch_on_write immediate`;
      await tx`update projects set description = 'A' where id = ${f1.project.id}`;
      aWrote.open();
      await bHoldsY.opened;
      await tx`select id from projects where id = ${f2.project.id} for update`;
    });
    const b = pg.begin(async (tx) => {
      if (immediate) await tx`set constraints page_epoch_on_write immediate`;
      await aWrote.opened;
      await tx`select id from projects where id = ${f2.project.id} for update`;
      bHoldsY.open();
      await tx`update projects set description = 'B' where id = ${f2.project.id}`;
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
    return { waiting, aWasTheWaiter: waiters.includes(pidA), bWrote, outcome, moved: Number((await epoch()) - before) };
  }

  it("a writer waiting for a row another writer holds does not deadlock: A queues behind B, both commit, the epoch moves by 2", async () => {
    const r = await crossingWriters(false);
    expect(r.waiting).toBe(1);
    expect(r.aWasTheWaiter).toBe(true);
    expect(r.bWrote).toBe(true);
    expect(r.outcome).toEqual(["committed", "committed"]);
    expect(r.moved).toBe(2);
  });

  it("control: the same interleaving with the epoch taken at the write deadlocks (so the case above really tests the deferral)", async () => {
    const r = await crossingWriters(true);
    // deadlock_detected: PostgreSQL aborts one of the two after deadlock_timeout.
    expect(r.outcome.filter((o) => o === "40P01")).toHaveLength(1);
    expect(r.outcome.filter((o) => o === "committed")).toHaveLength(1);
    expect(r.moved).toBe(1);
  });
});

async function sessionOf(userId: string, expiresIn = "1 day"): Promise<string> {
  const [{ id }] = await pg<{ id: string }[]>`
    insert into user_sessions (user_id, expires_at) values (${userId}, now() + ${expiresIn}::interval) returning id`;
  return id;
}

describe("userAndPageEpoch: the session check and the epoch in one read", () => {
  it("a live session gives its user, without the password hash, and the current epoch as an exact string", async () => {
    const name = unique("epochuser");
    const [user] = await pg<{ id: string }[]>`
      insert into users (username, email, name, password_hash, default_chosen)
      values (${name}, ${name + "@example.test"}, 'Epoch User', 'secret-hash', false) returning id`;
    const sessionId = await sessionOf(user.id);
    // Past 2^53: a number would round it, the string must not.
    await pg`update page_epoch set n = 9007199254740993`;
    const live = await userAndPageEpoch(await db(), { userId: user.id, sessionId });
    expect(live?.epoch).toBe("9007199254740993");
    expect(live?.user).toMatchObject({ id: user.id, username: name, email: `${name}@example.test`, name: "Epoch User", emailVerifiedAt: null });
    expect(live?.user).not.toHaveProperty("passwordHash");
    expect(JSON.stringify(live)).not.toContain("secret-hash");

    await pg`update users set name = 'Renamed' where id = ${user.id}`;
    expect((await userAndPageEpoch(await db(), { userId: user.id, sessionId }))?.epoch).toBe("9007199254740994");
  });

  it("an ended session (row deleted) gives null; the same claims gave the user before", async () => {
    const user = await makeUser();
    const sessionId = await sessionOf(user.id);
    expect((await userAndPageEpoch(await db(), { userId: user.id, sessionId }))?.user.id).toBe(user.id);
    await pg`delete from user_sessions where id = ${sessionId}`;
    expect(await userAndPageEpoch(await db(), { userId: user.id, sessionId })).toBeNull();
  });

  it("an expired session gives null; an unexpired one of the same user gives the user", async () => {
    const user = await makeUser();
    const expired = await sessionOf(user.id, "-1 minute");
    const live = await sessionOf(user.id, "1 minute");
    expect(await userAndPageEpoch(await db(), { userId: user.id, sessionId: expired })).toBeNull();
    expect((await userAndPageEpoch(await db(), { userId: user.id, sessionId: live }))?.user.id).toBe(user.id);
  });

  it("another user's session id with this user's id gives null; with its own user it is live", async () => {
    const me = await makeUser();
    const other = await makeUser();
    const othersSession = await sessionOf(other.id);
    expect(await userAndPageEpoch(await db(), { userId: me.id, sessionId: othersSession })).toBeNull();
    expect((await userAndPageEpoch(await db(), { userId: other.id, sessionId: othersSession }))?.user.id).toBe(other.id);
  });
});

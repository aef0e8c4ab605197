import path from "node:path";
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { is, SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "postgres" | "pglite";
  /** After a bulk load: PostgreSQL's autovacuum analyzes by itself, the embedded PGlite has none. */
  refreshStatistics(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function dataDir(): string {
  return process.env.PGLITE_DIR || path.join(process.cwd(), ".data", "pglite");
}

/** Milliseconds after which the server cancels any one statement (0: never). */
export function statementTimeoutMs(): number {
  const raw = process.env.DATABASE_STATEMENT_TIMEOUT_MS;
  const ms = raw === undefined || raw === "" ? 15_000 : Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? Math.floor(ms) : 15_000;
}

const abortScope = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs fn with the request's abort signal in scope: a statement sent outside a transaction
 * while it runs is cancelled on the server when the client goes away, so a request nobody
 * waits for no longer holds a pooled connection.
 */
export function withAbortSignal<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return abortScope.run(signal, fn);
}

type PostgresClient = ReturnType<typeof import("postgres")>;

/** What the cancel needs of a postgres.js query: `active` while a connection runs it. */
interface Cancellable {
  active: boolean;
  canceller: ((query: Cancellable) => Promise<unknown>) | null;
}

/** The SQLSTATE PostgreSQL itself gives a statement cancelled on request. */
const QUERY_CANCELED = "57014";

/**
 * Cancels the statement while its connection runs it, never earlier: postgres.js cancelling a
 * query no connection has started yet (about to be handed over, or queued behind another on a
 * busy connection) leaves that connection waiting forever for an answer that never comes, so
 * every early abort cost the pool a connection and ten aborted requests hung the server. The
 * server ignores a cancel that lands between two statements, so it is repeated while the
 * statement is still running, a few times.
 */
function cancelWhenRunning(query: Cancellable) {
  const canceller = query.canceller;
  if (!canceller) return;
  query.canceller = null;
  const cancel = (tries: number) => {
    if (!query.active) return;
    canceller(query).catch(() => {});
    if (tries > 1) setTimeout(() => cancel(tries - 1), 100).unref();
  };
  if (query.active) return cancel(5);
  let active = false;
  Object.defineProperty(query, "active", {
    configurable: true,
    get: () => active,
    set: (value: boolean) => {
      active = value;
      // Once the driver has finished starting it.
      if (value) queueMicrotask(() => cancel(5));
    },
  });
}

function cancelOnAbort(client: PostgresClient): PostgresClient {
  const unsafe = client.unsafe.bind(client);
  // Only top-level statements: a transaction's own statements run on its reserved connection
  // and end with it, so a write is never cut in the middle.
  client.unsafe = ((...args: Parameters<PostgresClient["unsafe"]>) => {
    const signal = abortScope.getStore();
    // Gone already: the statement is not sent at all.
    if (signal?.aborted) throw Object.assign(new Error("canceling statement due to user request (the request was aborted)"), { code: QUERY_CANCELED });
    const pending = unsafe(...args);
    signal?.addEventListener("abort", () => cancelWhenRunning(pending as unknown as Cancellable), { once: true });
    return pending;
  }) as PostgresClient["unsafe"];
  return client;
}

/**
 * The one place that chooses the driver: a PostgreSQL server when DATABASE_URL is set,
 * otherwise an embedded PGlite in `.data/` (or in memory for `memory://`).
 */
export async function openDb(
  url = process.env.DATABASE_URL,
  opts: { statementTimeoutMs?: number } = {},
): Promise<DbHandle> {
  if (url && !url.startsWith("memory://")) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const timeout = opts.statementTimeoutMs ?? statementTimeoutMs();
    const client = cancelOnAbort(
      postgres(url, {
        max: Number(process.env.DATABASE_POOL_SIZE || 10),
        onnotice: () => {},
        // Set at connect, so they hold for every statement of every pooled connection. JIT is off:
        // the access queries are unions of many small lookups whose summed cost estimate can pass
        // the JIT threshold, and compiling them costs far more than running them. Every statement
        // is prepared once per connection and then run with its generic plan: planning the access
        // unions afresh for each viewer cost 2–10 ms where running them costs well under one, and
        // left to itself PostgreSQL kept re-planning them. The plans kept are the ones the plan
        // guard checks (tests/integration/access-plans.test.ts, generic plans).
        connection: { jit: "off", plan_cache_mode: "force_generic_plan", ...(timeout > 0 ? { statement_timeout: timeout } : {}) },
      }),
    );
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, kind: "postgres", refreshStatistics: async () => {}, close: () => client.end({ timeout: 5 }) };
  }
  const { analyzeChanged, openPglite } = await import("./pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = url?.startsWith("memory://");
  if (!inMemory) mkdirSync(dataDir(), { recursive: true });
  const client = await openPglite(inMemory ? undefined : dataDir());
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", refreshStatistics: () => analyzeChanged(client), close: () => client.close() };
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

/** Rows of a raw `execute`: postgres.js returns an array, PGlite an object with `rows`. */
export async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** A statement's text and parameter slots, as the driver receives them. */
export interface Statement {
  sql: string;
  params: unknown[];
}

const shapes = new Map<string, Statement>();

/**
 * A hot statement built once per shape: building the access statements (thousands of
 * characters from nested templates) cost the app about as much CPU as the server spent running
 * them. `key` must name everything the text and its fixed parameters depend on; what changes
 * from call to call is a `sql.placeholder`, filled by `plannedRows`.
 */
export function statementShape(db: Executor, key: string, build: () => SQL): Statement {
  let shape = shapes.get(key);
  if (!shape) {
    shape = sessionOf(db).dialect.sqlToQuery(build());
    shapes.set(key, shape);
  }
  return shape;
}

/**
 * Rows of a hot statement the server keeps parsed and planned per connection (a named prepared
 * statement on PostgreSQL; PGlite keeps every statement so, see db/pglite-statements.ts). The
 * access queries are unions of many small index lookups: planning them afresh costs more than
 * running them.
 */
export async function plannedRows<T>(db: Executor, query: SQL | Statement, values: Record<string, unknown> = {}): Promise<T[]> {
  const session = sessionOf(db);
  const statement = is(query, SQL) ? session.dialect.sqlToQuery(query) : query;
  const result = (await session.prepareQuery(statement, undefined, "access", false).execute(values)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

const sessionOf = (db: Executor) => (db as unknown as { session: PgSessionLike }).session;

interface PgSessionLike {
  dialect: { sqlToQuery(query: SQL): Statement };
  prepareQuery(query: Statement, fields: undefined, name: string, arrayMode: boolean): { execute(values: Record<string, unknown>): Promise<unknown> };
}

import "server-only";
import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Db, Executor, Tx } from "@/db/client";
import { users, type OrgRole } from "@/db/schema";
import { currentApiCaller } from "@/lib/auth/api-caller";
import { sessionClaims } from "@/lib/auth/session-claims";
import type { ThrottleResult } from "@/lib/auth/throttle";
import { ORG_ACTIONS, orgAllows, projectAllows, PROJECT_ACTIONS, type OrgAction, type ProjectAction } from "@/lib/authz/policy";
import { resolveProjectAccess, type OrgAccess, type ProjectAccess } from "@/lib/authz/resolve";
import { loadLiveToken, TOKEN_REFUSALS, tokenReachRefusal, type TokenGrant } from "@/lib/authz/token-reach";
import { userForSession, type SessionClaims } from "@/lib/data/sessions";
import { signedInUserColumns, type SignedInUser } from "@/lib/data/users";
import { getDb } from "@/lib/db";
import { isNotFoundIssue } from "@/lib/validation/ids";
import { recordAudit, type AuditEntry } from "./audit";
import { inputRefusals } from "./clean-input";
import { constraintRefusal, dbErrorCode } from "./db-errors";
import { keyShareProjectAndResolve, lockOrgAndReadRole, lockProjectAndResolve } from "./locks";
import { ActionError, ForbiddenError, NotFoundError, type ActionResult } from "./result";

type Raw = FormData | Record<string, unknown> | null | undefined;

/** FormData becomes a plain object; a key given twice, or ending in "[]", becomes an array. */
export function formToObject(raw: Raw): Record<string, unknown> {
  if (!(raw instanceof FormData)) return { ...(raw ?? {}) };
  const out: Record<string, unknown> = {};
  for (const key of new Set(raw.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = raw.getAll(key);
    const name = key.endsWith("[]") ? key.slice(0, -2) : key;
    out[name] = key.endsWith("[]") || values.length > 1 ? values : values[0];
  }
  return out;
}

const RETRYABLE = new Set(["40001", "40P01"]);

async function inTransaction<T>(fn: (tx: Tx, db: Db) => Promise<T>): Promise<T> {
  const db = await getDb();
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => fn(tx, db));
    } catch (err) {
      if (attempt < 4 && RETRYABLE.has(dbErrorCode(err) ?? "")) continue;
      throw err;
    }
  }
}

export interface UserContext {
  tx: Tx;
  user: SignedInUser;
  /** The session this request came with (a password change keeps it, ending the others). */
  sessionId: string;
  audit(orgId: string | null, entry: AuditEntry): Promise<void>;
}

export interface OrgContext extends UserContext {
  org: OrgAccess["org"];
  role: OrgRole;
  auditOrg(entry: AuditEntry): Promise<void>;
}

export interface ProjectContext extends UserContext {
  access: ProjectAccess;
  auditProject(entry: AuditEntry): Promise<void>;
}

async function run<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await body();
    try {
      revalidatePath("/", "layout");
    } catch {
      // Outside a request (tests, scripts) there is no cache to revalidate.
    }
    // Leave a page that may no longer exist (a deleted org, an org just left) from the server,
    // before the client re-renders it.
    // An API call answers with JSON instead: a page means nothing to a script.
    const target = (data as { redirectTo?: unknown } | null)?.redirectTo;
    if (typeof target === "string" && !currentApiCaller()) redirect(target);
    return { ok: true, data };
  } catch (err) {
    unstable_rethrow(err);
    if (err instanceof ActionError) {
      return { ok: false, error: err.message, fieldErrors: err.fieldErrors, status: err.status };
    }
    if (err instanceof z.ZodError) {
      return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: z.flattenError(err).fieldErrors as Record<string, string[]>, status: 400 };
    }
    const refusal = constraintRefusal(err);
    if (refusal) return { ok: false, ...refusal };
    console.error("action failed", err);
    return { ok: false, error: "Something went wrong on our side; nothing was changed. Please try again.", status: 500 };
  }
}

function parse<S extends z.ZodType>(schema: S, raw: Raw): z.output<S> {
  const input = formToObject(raw);
  const refused = inputRefusals(input);
  if (refused) {
    const notFound = malformedId(schema, input, Object.keys(refused));
    if (notFound) throw new NotFoundError(notFound);
    throw new ActionError("Please correct the highlighted fields.", 400, refused);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    // A malformed id names nothing: the same answer as an id that does not exist.
    if (parsed.error.issues.every(isNotFoundIssue)) throw new NotFoundError(parsed.error.issues[0].message);
    throw parsed.error;
  }
  return parsed.data;
}

/**
 * The "not found" message when one of the refused fields is an id: an id holding a NUL is as
 * malformed as any other and answers like one that does not exist. The schema is asked with those
 * fields set to a harmless non-id, so it never sees the refused values themselves.
 */
function malformedId(schema: z.ZodType, input: Record<string, unknown>, keys: string[]): string | null {
  const probe = schema.safeParse({ ...input, ...Object.fromEntries(keys.map((k) => [k, "not-an-id"])) });
  if (probe.success) return null;
  return probe.error.issues.find((i) => isNotFoundIssue(i) && keys.includes(String(i.path[0])))?.message ?? null;
}

const SIGNED_OUT = "You are signed out. Sign in and try again.";

export interface Caller {
  user: SignedInUser;
  /** The browser session the request came with; null for a token. */
  sessionId: string | null;
  /** Set when the call came through a personal access token, which caps what the user may do. */
  token: TokenGrant | null;
}

/** What the request claims to be, read before any transaction opens: a token, or the cookie's session. */
export type CallerClaims = { kind: "token"; tokenId: string } | { kind: "session"; claims: SessionClaims | null };

export async function callerClaims(): Promise<CallerClaims> {
  const api = currentApiCaller();
  return api?.kind === "token" ? api : { kind: "session", claims: await sessionClaims() };
}

/**
 * Who is calling: the user behind this request's live session (an ended session is nobody), or
 * for an /api/v1 call with a token, the token's owner; null when signed out. A token that
 * stopped being valid since the request began is refused.
 */
export async function resolveCaller(db: Executor, who: CallerClaims, opts: { lock?: boolean } = {}): Promise<Caller | null> {
  if (who.kind === "token") {
    const token = await loadLiveToken(db, who.tokenId, opts);
    if (!token) throw new ActionError(TOKEN_REFUSALS.invalid, 401);
    const [user] = await db.select(signedInUserColumns).from(users).where(eq(users.id, token.userId)).limit(1);
    return user ? { user, sessionId: null, token } : null;
  }
  const { claims } = who;
  const user = claims ? await userForSession(db, claims) : null;
  return user && claims ? { user, sessionId: claims.sessionId, token: null } : null;
}

async function signedInUser(tx: Tx, who: CallerClaims): Promise<Caller> {
  const caller = await resolveCaller(tx, who, { lock: true });
  if (!caller) throw new ActionError(SIGNED_OUT, 401);
  return caller;
}

/** A token reaches only its workspace, where its organization allows tokens, and writes only with write permission. */
export async function capByToken(db: Executor, caller: Caller | null, orgId: string, writes = true): Promise<void> {
  if (!caller?.token) return;
  const why = await tokenReachRefusal(db, caller.token, orgId, writes);
  if (why) throw new ForbiddenError(why);
}

function userContext(tx: Tx, { user, sessionId, token }: Caller): UserContext {
  const actor = { id: user.id, username: user.username, tokenName: token?.name };
  // Only account actions read sessionId, and userAction refuses tokens before they get here.
  return { tx, user, sessionId: sessionId ?? "", audit: (orgId, entry) => recordAudit(tx, orgId, actor, entry) };
}

export type Action<T> = (prev: unknown, raw: Raw) => Promise<ActionResult<T>>;

/** Signed-in actions that belong to no organization yet (create an organization, profile). */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, ctx: UserContext) => Promise<T>,
): Action<T> {
  return (_prev, raw) =>
    run(async () => {
      const input = parse(schema, raw);
      const who = await callerClaims();
      return inTransaction(async (tx) => {
        const caller = await signedInUser(tx, who);
        // Account-wide actions (organizations, password, sessions, deletion) stay with the browser.
        if (caller.token) throw new ForbiddenError(TOKEN_REFUSALS.account);
        return handler(input, userContext(tx, caller));
      });
    });
}

/**
 * Actions on an organization: the org row is locked for the transaction so that role checks and
 * changes around the owner are serialized; the role is read after the lock is held, so a request
 * that queued behind a membership change acts on the role it has now.
 */
export function orgAction<S extends z.ZodType<{ org: string }>, T>(
  schema: S,
  permission: OrgAction | null,
  handler: (input: z.output<S>, ctx: OrgContext) => Promise<T>,
): Action<T> {
  return (_prev, raw) =>
    run(async () => {
      const input = parse(schema, raw);
      const who = await callerClaims();
      return inTransaction(async (tx) => {
        const signedIn = await signedInUser(tx, who);
        const user = signedIn.user;
        const access = await lockOrgAndReadRole(tx, user.id, input.org);
        // Outsiders get the same answer as for a missing organization, so slugs cannot be probed.
        if (!access || !access.role) throw new NotFoundError("Organization not found.");
        await capByToken(tx, signedIn, access.org.id);
        if (permission && !orgAllows(access.role, permission)) throw new ForbiddenError(ORG_ACTIONS[permission].why);
        const ctx = userContext(tx, signedIn);
        return handler(input, {
          ...ctx,
          org: access.org,
          role: access.role,
          auditOrg: (entry) => ctx.audit(access.org.id, entry),
        });
      });
    });
}

/**
 * The one permission check of a project action, the same before the transaction and inside it:
 * a project the caller cannot see is not found, then the token's cap, then the policy table.
 * `writes`: whether this step writes, which a read-only token may not do.
 */
export async function authorizeProject(
  db: Executor,
  caller: Caller | null,
  access: ProjectAccess | null,
  permission: ProjectAction,
  writes: boolean,
): Promise<ProjectAccess> {
  if (!access) throw new NotFoundError("Project not found.");
  await capByToken(db, caller, access.org.id, writes);
  if (!projectAllows(access.level, permission, access.capabilities)) throw new ForbiddenError(PROJECT_ACTIONS[permission].why);
  return access;
}

/** What a prepare step sees: no transaction, no lock; `access` was checked but may change before the write. */
export interface PrepareContext {
  db: Db;
  caller: Caller;
  access: ProjectAccess;
}

/** The answer of a prepare step that has nothing to write: the action ends there, without a transaction. */
export class Answered<T> {
  constructor(readonly value: T) {}
}

export interface ProjectActionOptions<I, P, T> {
  /**
   * Heavy work (parsing, training, predicting) done before any transaction or lock, once an
   * unlocked check of the same policy passed, so a caller who may not act never gets to burn
   * CPU, and a caller who may holds no lock while it runs. Its result goes to the handler,
   * which re-checks access under the lock.
   */
  prepare?: (input: I, ctx: PrepareContext) => Promise<P | Answered<T>>;
  /**
   * A read-level action (predict): a read-only token passes the unlocked check, and the
   * transaction, which only records, takes the key-share locks its inserts take anyway instead
   * of locking the project row against everyone else.
   */
  read?: boolean;
}

/**
 * Actions on one project, checked against the effective level from the one resolver. With
 * `prepare`, the check runs twice through `authorizeProject`: unlocked before the heavy work,
 * and again inside the short transaction, after the locks, on what is true by then.
 */
export function projectAction<S extends z.ZodType<{ projectId: string }>, T, P = undefined>(
  schema: S,
  permission: ProjectAction,
  handler: (input: z.output<S>, ctx: ProjectContext & { prepared: P }) => Promise<T>,
  opts: ProjectActionOptions<z.output<S>, P, T> = {},
): Action<T> {
  return (_prev, raw) =>
    run(async () => {
      const input = parse(schema, raw);
      const who = await callerClaims();
      let prepared = undefined as P;
      if (opts.prepare) {
        const db = await getDb();
        const caller = await resolveCaller(db, who);
        if (!caller) throw new ActionError(SIGNED_OUT, 401);
        const found = await resolveProjectAccess(db, caller.user.id, { projectId: input.projectId });
        const access = await authorizeProject(db, caller, found, permission, !opts.read);
        const outcome = await opts.prepare(input, { db, caller, access });
        if (outcome instanceof Answered) return outcome.value as T;
        prepared = outcome;
      }
      return inTransaction(async (tx) => {
        const signedIn = await signedInUser(tx, who);
        const user = signedIn.user;
        const found = opts.read
          ? await keyShareProjectAndResolve(tx, user.id, input.projectId)
          : await lockProjectAndResolve(tx, user.id, input.projectId);
        // The transaction writes, whatever the action: a read-only token stops here.
        const access = await authorizeProject(tx, signedIn, found, permission, true);
        const ctx = userContext(tx, signedIn);
        return handler(input, { ...ctx, access, prepared, auditProject: (entry) => ctx.audit(access.org.id, entry) });
      });
    });
}

/**
 * Signed-out actions (sign-up): parsing and error handling, and an optional throttle that counts
 * the attempt before the transaction, in its own statement, so a rollback cannot give it back.
 */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, ctx: { tx: Tx }) => Promise<T>,
  opts: { throttle?: (input: z.output<S>) => Promise<ThrottleResult> } = {},
): Action<T> {
  return (_prev, raw) =>
    run(async () => {
      const input = parse(schema, raw);
      const counted = opts.throttle ? await opts.throttle(input) : null;
      if (counted && !counted.ok) throw new ActionError(counted.message, 429);
      return inTransaction((tx) => handler(input, { tx }));
    });
}

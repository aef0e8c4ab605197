/**
 * What to tell the user when the database refuses a write. A constraint only fires when two
 * requests raced (the handlers check first), so the answer names what the other one changed.
 * Errors come from postgres.js (`constraint_name`) or PGlite (`constraint`), often wrapped by
 * drizzle in a `cause`.
 */
interface DbError {
  code?: string;
  constraint_name?: string;
  constraint?: string;
  detail?: string;
  cause?: DbError;
}

export interface DbRefusal {
  error: string;
  status: number;
}

function pgError(err: unknown): DbError | undefined {
  let e = err as DbError | undefined;
  for (let depth = 0; e && depth < 4; depth++, e = e.cause) if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e;
  return undefined;
}

export function dbErrorCode(err: unknown): string | undefined {
  return pgError(err)?.code;
}

const TAKEN_NAME = "That already exists: choose another name.";

/** Unique indexes and primary keys (23505), by name. */
const UNIQUE: Record<string, DbRefusal> = {
  memberships_one_owner_uq: { error: "Ownership changed meanwhile; reload.", status: 409 },
  memberships_org_id_user_id_pk: { error: "This person is already a member of the organization; reload.", status: 409 },
  users_username_lower_uq: { error: TAKEN_NAME, status: 409 },
  users_email_lower_uq: { error: "That e-mail address cannot be used: choose another.", status: 409 },
  organizations_slug_lower_uq: { error: TAKEN_NAME, status: 409 },
  organizations_personal_user_uq: { error: "This account already has its personal workspace; reload.", status: 409 },
  projects_org_name_lower_uq: { error: TAKEN_NAME, status: 409 },
  projects_org_slug_uq: { error: TAKEN_NAME, status: 409 },
  teams_org_name_lower_uq: { error: TAKEN_NAME, status: 409 },
  team_members_team_id_user_id_pk: { error: "This person is already in the team; reload.", status: 409 },
  project_grants_user_uq: { error: "This person already has access to the project; change their level instead.", status: 409 },
  project_grants_team_uq: { error: "This team already has access to the project; change its level instead.", status: 409 },
  favourite_workspaces_user_id_org_id_pk: { error: "Already starred; reload.", status: 409 },
};

/** Check constraints (23514): the handlers refuse these first, so this is the last line. */
const CHECK: Record<string, DbRefusal> = {
  invitations_not_owner: { error: "Nobody can be invited as owner: ownership moves only by transfer.", status: 400 },
  organizations_seats_nonneg: { error: "The number of additional seats cannot be negative.", status: 400 },
};

/** The table a foreign key points at, from drizzle-kit's `<table>_<column>_<target>_<column>_fk` names. */
const FK_TARGET_LABEL: [RegExp, string][] = [
  [/_organizations_id_fk$/, "The organization"],
  [/_projects_id_fk$/, "The project"],
  [/_teams_id_fk$/, "The team"],
  [/_users_id_fk$/, "That account"],
  [/_invitations_id_fk$/, "The invitation"],
  [/_resources_id_fk$/, "The resource"],
];

function foreignKey(e: DbError): DbRefusal {
  const name = e.constraint_name ?? e.constraint ?? "";
  // "is still referenced": a delete raced an insert that points at the row; nothing was gone.
  if (/still referenced/i.test(e.detail ?? "")) return { error: "Something else now refers to this; reload and try again.", status: 409 };
  const what = FK_TARGET_LABEL.find(([re]) => re.test(name))?.[1] ?? "Something this refers to";
  return { error: `${what} no longer exists; reload.`, status: 404 };
}

/** The user-facing answer for a refused write, or undefined when it is not a constraint. */
export function constraintRefusal(err: unknown): DbRefusal | undefined {
  const e = pgError(err);
  if (!e) return undefined;
  const name = e.constraint_name ?? e.constraint ?? "";
  switch (e.code) {
    case "23505":
      return UNIQUE[name] ?? { error: "That was changed meanwhile; reload and try again.", status: 409 };
    case "23503":
      return foreignKey(e);
    case "23514":
      return CHECK[name] ?? { error: "That value is not allowed.", status: 400 };
    case "23502":
      return { error: "A required value is missing.", status: 400 };
    case "22P02":
      return { error: "Not found", status: 404 };
    default:
      return undefined;
  }
}

import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const orgKind = pgEnum("org_kind", ["personal", "team"]);
export const orgRole = pgEnum("org_role", ["owner", "admin", "member", "restricted"]);
export const projectVisibility = pgEnum("project_visibility", ["private", "organization", "public"]);
export const projectLevel = pgEnum("project_level", ["read", "write", "admin"]);
export const baselineLevel = pgEnum("baseline_level", ["none", "read", "write", "admin"]);
export const plan = pgEnum("plan", ["free", "team", "enterprise"]);
export const teamRole = pgEnum("team_role", ["owner", "member"]);
export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "declined", "revoked"]);
export const resourceKind = pgEnum("resource_kind", ["dataset", "model", "run", "endpoint", "prediction"]);
export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "failed"]);
export const emailTokenPurpose = pgEnum("email_token_purpose", ["verify_email", "reset_password"]);
export const tokenPermission = pgEnum("token_permission", ["read", "write"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull(),
    email: text("email").notNull(),
    name: text("name"),
    passwordHash: text("password_hash").notNull(),
    // Null until the address is proven by a link sent to it: nothing trusts an unverified address.
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    // A new address waiting for its verification link; `email` stays in force until then.
    pendingEmail: text("pending_email"),
    // Null until the user stars a workspace or joins a first organization (SPEC §1).
    defaultOrgId: uuid("default_org_id").references((): AnyPgColumn => organizations.id, { onDelete: "set null" }),
    defaultChosen: boolean("default_chosen").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_username_lower_uq").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_lower_uq").on(sql`lower(${t.email})`),
  ],
);

export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Personal workspaces are organizations too, so one unique index keeps usernames and org
    // slugs in a single namespace.
    slug: text("slug").notNull(),
    kind: orgKind("kind").notNull(),
    personalUserId: uuid("personal_user_id").references(() => users.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    contactEmail: text("contact_email"),
    description: text("description").notNull().default(""),
    billingDetails: text("billing_details").notNull().default(""),
    plan: plan("plan").notNull().default("free"),
    // Seats for additional users beyond the creator (BigML's "creator + N").
    additionalSeats: integer("additional_seats").notNull().default(5),
    baseline: baselineLevel("baseline").notNull().default("write"),
    allowPublicProjects: boolean("allow_public_projects").notNull().default(true),
    externalCollaborators: boolean("external_collaborators").notNull().default(false),
    deployForWrite: boolean("deploy_for_write").notNull().default(true),
    predictForRead: boolean("predict_for_read").notNull().default(true),
    // Personal access tokens (issue 13): admins may shut them out, and "never expires" is opt-in.
    allowApiTokens: boolean("allow_api_tokens").notNull().default(true),
    allowNonExpiringTokens: boolean("allow_non_expiring_tokens").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("organizations_slug_lower_uq").on(sql`lower(${t.slug})`),
    uniqueIndex("organizations_personal_user_uq").on(t.personalUserId),
    check("organizations_personal_has_user", sql`(${t.kind} = 'personal') = (${t.personalUserId} is not null)`),
    check("organizations_seats_nonneg", sql`${t.additionalSeats} >= 0`),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: orgRole("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    // The database itself refuses a second owner, whatever the application does.
    uniqueIndex("memberships_one_owner_uq").on(t.orgId).where(sql`${t.role} = 'owner'`),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("teams_org_name_lower_uq").on(t.orgId, sql`lower(${t.name})`)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: teamRole("role").notNull().default("member"),
    createdAt: createdAt(),
  },
  // (user_id, team_id): a user's teams straight from the index, for every access check.
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_team_idx").on(t.userId, t.teamId)],
);

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    colour: text("colour").notNull().default("#4f46e5"),
    visibility: projectVisibility("visibility").notNull().default("private"),
    // Creators may leave or be deleted; the project stays with the organization.
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_org_name_lower_uq").on(t.orgId, sql`lower(${t.name})`),
    uniqueIndex("projects_org_slug_uq").on(t.orgId, t.slug),
    // The project list reads an organization's projects in page order straight from these, for
    // either sort, and stops after one page (keyset pagination).
    index("projects_org_name_idx").on(t.orgId, sql`lower(${t.name})`, t.id),
    index("projects_org_updated_idx").on(t.orgId, t.updatedAt, t.id),
  ],
);

/**
 * How many projects of an organization carry each tag, per visibility: the tag filter reads the
 * tags of every project a role sees in bulk (all of them, the non-private ones, the public ones)
 * from here, a few rows per tag, instead of unnesting tens of thousands of projects. Kept by
 * triggers on `projects` (migration 0007), so every write path, cascades included, updates it in
 * its own transaction. No foreign key: an organization's deletion cascades to its projects,
 * whose triggers bring these counts to zero and remove them.
 */
export const projectTagCounts = pgTable(
  "project_tag_counts",
  {
    orgId: uuid("org_id").notNull(),
    visibility: projectVisibility("visibility").notNull(),
    tag: text("tag").notNull(),
    projects: integer("projects").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.visibility, t.tag] })],
);

export const projectGrants = pgTable(
  "project_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "cascade" }),
    level: projectLevel("level").notNull(),
    // Null follows the org-wide switch; true/false overrides it for this grant (Verta).
    canDeploy: boolean("can_deploy"),
    canPredict: boolean("can_predict"),
    createdAt: createdAt(),
  },
  (t) => [
    check("project_grants_one_grantee", sql`(${t.userId} is null) <> (${t.teamId} is null)`),
    uniqueIndex("project_grants_user_uq").on(t.projectId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex("project_grants_team_uq").on(t.projectId, t.teamId).where(sql`${t.teamId} is not null`),
    // Every access query filters grants by one of these first: the project (the resolver, the
    // People page), the user or the team (the list), each with the project next.
    index("project_grants_project_idx").on(t.projectId),
    index("project_grants_user_project_idx").on(t.userId, t.projectId),
    index("project_grants_team_project_idx").on(t.teamId, t.projectId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    // Exactly one of these names the invitee; e-mails are stored normalized (trimmed, lower-case).
    email: text("email"),
    username: text("username"),
    role: orgRole("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    status: invitationStatus("status").notNull().default("pending"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_uq").on(t.tokenHash),
    index("invitations_org_status_idx").on(t.orgId, t.status),
    check("invitations_one_invitee", sql`(${t.email} is null) <> (${t.username} is null)`),
    check("invitations_not_owner", sql`${t.role} <> 'owner'`),
  ],
);

export const resources = pgTable(
  "resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    kind: resourceKind("kind").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    metadata: jsonb("metadata").notNull().default({}),
    // Large payloads (CSV text, a trained model) live apart from the metadata shown in lists.
    payload: jsonb("payload"),
    sourceId: uuid("source_id").references((): AnyPgColumn => resources.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Pages of a project's resources, newest first, of every kind or one: a keyset on (created_at,
    // id), read by scanning these backwards. The kind index also serves what (project_id, kind) did.
    index("resources_project_created_idx").on(t.projectId, t.createdAt, t.id),
    index("resources_project_kind_created_idx").on(t.projectId, t.kind, t.createdAt, t.id),
    // Deleting a resource sets its derived resources' source to null: without this, every deleted
    // row scanned the whole table, and deleting a project (or an organization) was quadratic.
    index("resources_source_idx").on(t.sourceId).where(sql`${t.sourceId} is not null`),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    invitationId: uuid("invitation_id").references(() => invitations.id, { onDelete: "set null" }),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_created_idx").on(t.userId, t.createdAt)],
);

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    // The link token of a message that carries one, sealed with a key derived from AUTH_SECRET
    // (lib/crypto/sealed-token.ts); the text holds a slot that is filled only at send time, and
    // this column is cleared once the message is sent or given up, so no usable link stays here.
    sealedToken: text("sealed_token"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/**
 * Single-use links sent to a user's address: e-mail verification and password reset. Only the
 * token's SHA-256 is stored; `email` is the address the link proves (for a verification, the
 * address being verified, which may be a pending new one).
 */
export const emailTokens = pgTable(
  "email_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: emailTokenPurpose("purpose").notNull(),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_tokens_hash_uq").on(t.tokenHash), index("email_tokens_user_idx").on(t.userId, t.purpose)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").references(() => organizations.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    // Names are copied so the log still reads right after users and targets are gone.
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    targetLabel: text("target_label").notNull().default(""),
    before: jsonb("before"),
    after: jsonb("after"),
    // Set when the change came through a personal access token: which one, by its name then.
    tokenName: text("token_name"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_org_created_idx").on(t.orgId, t.createdAt)],
);

export const favouriteWorkspaces = pgTable(
  "favourite_workspaces",
  {
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId] })],
);

// Fixed-window counters kept in the database so several app servers share one limit.
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

/**
 * Personal access tokens. Only the SHA-256 of the secret is kept (the secret is 256 random bits,
 * so a plain hash cannot be reversed by guessing); `prefix` is its first characters, for lists.
 * Tokens die with their owner's account (cascade).
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    // Null: every workspace the owner can reach, now and later.
    orgId: uuid("org_id").references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    permission: tokenPermission("permission").notNull(),
    // Null: never expires, only where the organization allows it.
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_uq").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
    index("api_tokens_org_idx").on(t.orgId),
  ],
);

// One row per signed-in browser: the cookie's JWT names it, and every request reads it with the
// user, so deleting the row signs that browser out (sign-out, password change, account deletion).
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    userAgent: text("user_agent"),
    ip: text("ip"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type UserSession = typeof userSessions.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type TokenPermission = (typeof tokenPermission.enumValues)[number];
export type Organization = typeof organizations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type ProjectGrant = typeof projectGrants.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type Resource = typeof resources.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type OrgRole = (typeof orgRole.enumValues)[number];
export type ProjectLevel = (typeof projectLevel.enumValues)[number];
export type Visibility = (typeof projectVisibility.enumValues)[number];

import "server-only";
import { z } from "zod";
import { createProjectAction } from "@/lib/actions/projects/create-project";
import { authorizeProjectRead, SIGNED_OUT } from "@/lib/actions/read-access";
import { ActionError, NotFoundError } from "@/lib/actions/result";
import { callerClaims, capByToken, resolveCaller } from "@/lib/actions/safe-action";
import { getWorkspace } from "@/lib/data/orgs";
import { isListCursor, listVisibleProjects } from "@/lib/data/projects";
import { listTokenScopes } from "@/lib/data/tokens";
import { defaultWorkspaceSlug } from "@/lib/data/workspaces";
import { getDb } from "@/lib/db";
import { PROJECT_PAGE_SIZE } from "@/lib/validation/project-list";
import { answer, endpoint, json, type EndpointInput, type EndpointSpec } from "../endpoint";
import { invalidCursor, nextPageHeaders } from "../paging";
import { apiPath, presentProject } from "../present";
import { CreateProjectBody, page, ProjectListQuery, ProjectSchema, ProjectSummarySchema } from "../schemas";

type WsParams = { ws: string };

/**
 * The workspace a call names, or when it names none: the token's own workspace, else the
 * caller's default workspace (as Verta's client does).
 */
async function workspaceSlug(named: string | undefined): Promise<string> {
  if (named) return named;
  const caller = await resolveCaller(await getDb(), await callerClaims());
  if (!caller) throw new ActionError(SIGNED_OUT, 401);
  if (caller.token?.orgId) {
    const scope = (await listTokenScopes(caller.user.id)).find((s) => s.id === caller.token!.orgId);
    if (scope) return scope.slug;
  }
  const slug = await defaultWorkspaceSlug(caller.user.id);
  if (!slug) throw new NotFoundError("Workspace not found.");
  return slug;
}

const ListQuery = ProjectListQuery.extend({
  limit: z.coerce.number().int().min(1).max(100).optional().catch(undefined).describe(`Page size, default ${PROJECT_PAGE_SIZE}.`),
});

async function listProjects({ params, query, url }: EndpointInput<Partial<WsParams>>): Promise<Response> {
  const slug = await workspaceSlug(params.ws);
  const db = await getDb();
  const caller = await resolveCaller(db, await callerClaims());
  const ws = await getWorkspace(slug, caller?.user.id ?? null);
  if (!ws) throw new NotFoundError("Workspace not found.");
  await capByToken(db, caller, ws.org.id, false);
  const q = query as z.output<typeof ListQuery>;
  const cursor = q.cursor;
  if (cursor !== undefined && !isListCursor(cursor, q.sort)) throw invalidCursor();
  const result = await listVisibleProjects(ws.org.id, caller?.user.id ?? null, { ...q, cursor, limit: q.limit ?? PROJECT_PAGE_SIZE });
  return json({ items: result.items }, { headers: nextPageHeaders(url, result.nextCursor) });
}

async function createProject({ params, body }: EndpointInput<Partial<WsParams>>): Promise<Response> {
  const org = await workspaceSlug(params.ws);
  return answer(await createProjectAction(null, { ...body, org }), async ({ id }) => {
    const { access } = await authorizeProjectRead(id, "resource.view");
    return json(presentProject(access), { status: 201, headers: { Location: apiPath.project(id) } });
  });
}

const listSpec = (path: string, summary: string): EndpointSpec => ({
  method: "GET", path, tag: "Projects", auth: "optional", summary,
  description: "The same filters and order as the project list page, one SQL statement per page. Signed out, or outside the organization: its public projects only. Further pages: follow the `Link` header.",
  query: ListQuery,
  response: { status: 200, description: "One page of projects", schema: page(ProjectSummarySchema), paginated: true },
  errors: [400, 403, 404],
});

const createSpec = (path: string, summary: string): EndpointSpec => ({
  method: "POST", path, tag: "Projects", auth: "required", summary,
  description: "The caller becomes the project's admin. Needs a role that may create projects (not restricted members).",
  body: { type: "json", schema: CreateProjectBody },
  response: { status: 201, description: "The new project", schema: ProjectSchema, location: true },
  errors: [400, 403, 404, 409],
});

export const listWorkspaceProjects = endpoint<WsParams>(listSpec("/workspaces/{ws}/projects", "List a workspace's projects"), listProjects);
export const createWorkspaceProject = endpoint<WsParams>(createSpec("/workspaces/{ws}/projects", "Create a project in a workspace"), createProject);
export const listDefaultProjects = endpoint(
  { ...listSpec("/projects", "List the default workspace's projects"), auth: "required" },
  listProjects,
);
export const createDefaultProject = endpoint(createSpec("/projects", "Create a project in the default workspace"), createProject);

import "server-only";
import { z } from "zod";
import { deleteProjectAction } from "@/lib/actions/projects/delete-project";
import { editProjectAction } from "@/lib/actions/projects/edit-project";
import { authorizeProjectRead } from "@/lib/actions/read-access";
import { ForbiddenError } from "@/lib/actions/result";
import { projectAllows } from "@/lib/authz/policy";
import { projectPeopleOverview } from "@/lib/data/project-people";
import { isResourceCursor, listResourcePage } from "@/lib/data/resource-page";
import { RESOURCE_KINDS } from "@/lib/resources/kinds";
import { answer, endpoint, json } from "../endpoint";
import { invalidCursor, nextPageHeaders } from "../paging";
import { presentProject, presentResource } from "../present";
import { MemberListQuery, MemberSchema, page, ProjectSchema, ResourceListQuery, ResourceSchema, UpdateProjectBody } from "../schemas";

type IdParams = { id: string };
const MEMBERS_ONLY = "Only the project's members can see who has access to it.";

export const getProject = endpoint<IdParams>(
  {
    method: "GET", path: "/projects/{id}", tag: "Projects", auth: "optional", summary: "A project",
    response: { status: 200, description: "The project", schema: ProjectSchema }, errors: [403, 404],
  },
  async ({ params }) => json(presentProject((await authorizeProjectRead(params.id, "resource.view")).access)),
);

export const updateProject = endpoint<IdParams>(
  {
    method: "PATCH", path: "/projects/{id}", tag: "Projects", auth: "required", summary: "Change a project's name, description, tags, colour or visibility",
    description: "Fields left out keep their value; all the changes are made, or none. Project admins only; `public` only where the organization allows public projects.",
    body: { type: "json", schema: UpdateProjectBody },
    response: { status: 200, description: "The project as it is now", schema: ProjectSchema }, errors: [400, 403, 404, 409],
  },
  async ({ params, body }) => {
    const { project } = (await authorizeProjectRead(params.id, "resource.view")).access;
    const changes = body as z.output<typeof UpdateProjectBody>;
    return answer(await editProjectAction(null, { ...changes, projectId: project.id }), async () =>
      json(presentProject((await authorizeProjectRead(project.id, "resource.view")).access)),
    );
  },
);

export const deleteProject = endpoint<IdParams>(
  {
    method: "DELETE", path: "/projects/{id}", tag: "Projects", auth: "required", summary: "Delete a project and its resources",
    description: "Project admins only. Cannot be undone.",
    response: { status: 204, description: "Deleted" }, errors: [403, 404],
  },
  async ({ params }) => {
    const { project } = (await authorizeProjectRead(params.id, "resource.view")).access;
    // The form's "type the name" guard is for people clicking; a DELETE request is explicit already.
    return answer(await deleteProjectAction(null, { projectId: project.id, confirm: project.name }), () => new Response(null, { status: 204 }));
  },
);

export const listResources = endpoint<IdParams>(
  {
    method: "GET", path: "/projects/{id}/resources", tag: "Resources", auth: "optional", summary: "A project's resources",
    description: `Newest first, one SQL statement per page; \`kind\` is one of ${RESOURCE_KINDS.join(", ")}. Further pages: follow the \`Link\` header.`,
    query: ResourceListQuery,
    response: { status: 200, description: "One page of resources", schema: page(ResourceSchema), paginated: true }, errors: [400, 403, 404],
  },
  async ({ params, query, url }) => {
    const { access } = await authorizeProjectRead(params.id, "resource.view");
    const q = query as z.output<typeof ResourceListQuery>;
    if (q.cursor !== undefined && !isResourceCursor(q.cursor)) throw invalidCursor();
    const result = await listResourcePage(access.project.id, q);
    return json({ items: result.items.map((r) => presentResource(access.project.id, r)) }, { headers: nextPageHeaders(url, result.nextCursor) });
  },
);

export const listMembers = endpoint<IdParams>(
  {
    method: "GET", path: "/projects/{id}/members", tag: "Projects", auth: "required", summary: "Who has access to a project",
    description: "For the project's members: people who read a public project from outside see no member list (SPEC §3). By username, one SQL statement per page; further pages: follow the `Link` header.",
    query: MemberListQuery,
    response: { status: 200, description: "One page of the people with access", schema: page(MemberSchema), paginated: true }, errors: [400, 403, 404],
  },
  async ({ params, query, url }) => {
    const { access } = await authorizeProjectRead(params.id, "resource.view");
    if (!access.sources.some((s) => s.kind !== "public")) throw new ForbiddenError(MEMBERS_ONLY);
    const q = query as z.output<typeof MemberListQuery>;
    const { people, pages } = await projectPeopleOverview(access.project, {
      showEmails: projectAllows(access.level, "project.people"),
      page: { cursor: q.cursor, limit: q.limit },
    });
    // A cursor the list did not read (garbage, another project's) is refused rather than guessed at.
    if (q.cursor !== undefined && !pages?.paged) throw invalidCursor();
    return json(
      {
        items: people.map((p) => ({
          username: p.username, name: p.name, email: p.email, orgRole: p.orgRole, level: p.level,
          via: p.sources.map((s) => (s.kind === "team" ? `team:${s.team}` : s.kind)),
        })),
      },
      { headers: nextPageHeaders(url, pages?.next ?? null) },
    );
  },
);

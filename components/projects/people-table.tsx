import type { ProjectPeople, ProjectPerson } from "@/lib/data/project-people";
import { ROLE_LABELS } from "@/lib/authz/policy";
import { describeSources } from "./access-summary";
import { CapabilityOverrides } from "./capability-overrides";
import { GrantControls } from "./grant-controls";

interface Props {
  projectId: string;
  orgKind: "personal" | "team";
  people: ProjectPerson[];
  canManage: boolean;
  switches: ProjectPeople["switches"];
}

export function PeopleTable({ projectId, orgKind, people, canManage, switches }: Props) {
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-slate-600">
          <th scope="col" className="py-2">Person</th>
          <th scope="col" className="py-2">Level</th>
          <th scope="col" className="py-2">Where it comes from</th>
          {canManage ? <th scope="col" className="py-2">Direct grant</th> : null}
        </tr>
      </thead>
      <tbody>
        {people.length === 0 ? (
          <tr>
            <td colSpan={canManage ? 4 : 3} className="py-4 text-center text-slate-600">Nobody has access to this project yet.</td>
          </tr>
        ) : null}
        {people.map((p) => (
          <tr key={p.id} className="border-b border-slate-100 align-top" aria-label={p.username}>
            <th scope="row" className="py-2 font-normal">
              <span className="font-medium">{p.username}</span>
              {p.name ? <span className="text-slate-600"> ({p.name})</span> : null}
              {p.email ? <span className="block text-xs text-slate-500">{p.email}</span> : null}
              {orgKind === "team" && p.orgRole ? <span className="block text-xs text-slate-500">{ROLE_LABELS[p.orgRole]}</span> : null}
              {!p.orgRole ? <span className="block text-xs text-slate-500">External collaborator</span> : null}
            </th>
            <td className="py-2">{p.level ?? "none"}</td>
            <td className="py-2">
              {p.sources.length ? describeSources(p.sources, orgKind) : null}
              {p.inactiveGrant ? <span className="block text-xs text-amber-800">Grant inactive: this organization does not allow external collaborators.</span> : null}
            </td>
            {canManage ? (
              <td className="py-2">
                {p.directGrant ? (
                  <>
                    <GrantControls projectId={projectId} grantId={p.directGrant.id} level={p.directGrant.level} who={p.username} />
                    <CapabilityOverrides
                      projectId={projectId} grantId={p.directGrant.id} level={p.directGrant.level} who={p.username}
                      canDeploy={p.directGrant.canDeploy} canPredict={p.directGrant.canPredict} switches={switches}
                    />
                  </>
                ) : <span className="text-slate-500">—</span>}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

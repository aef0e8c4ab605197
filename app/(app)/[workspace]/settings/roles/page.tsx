import type { Metadata } from "next";
import { Section } from "@/components/ui/notice";
import { MANAGEABLE_ROLES, ORG_ACTIONS, ORG_ROLES, PROJECT_ACTIONS, PROJECT_LEVELS, ROLE_LABELS } from "@/lib/authz/policy";
import type { OrgRole, ProjectLevel } from "@/db/schema";
import { settingsContext } from "../org-context";

export const metadata: Metadata = { title: "Roles & permissions" };

const yes = <span aria-label="allowed">✔</span>;
const no = <span aria-label="not allowed" className="text-slate-300">—</span>;

// Rendered from the same tables the server checks, so this page cannot disagree with it.
export default async function RolesPage({ params }: { params: Promise<{ workspace: string }> }) {
  await settingsContext((await params).workspace);
  const levels = [...PROJECT_LEVELS].reverse();
  return (
    <div className="space-y-6">
      <Section title="Organization roles" description="What each organization role may do.">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Organization roles</caption>
          <thead className="border-b border-slate-200">
            <tr>
              <th scope="col" className="py-2">Action</th>
              {ORG_ROLES.map((r) => <th key={r} scope="col" className="text-center">{ROLE_LABELS[r]}</th>)}
            </tr>
          </thead>
          <tbody>
            {Object.entries(ORG_ACTIONS).map(([key, a]) => (
              <tr key={key} className="border-b border-slate-100">
                <th scope="row" className="py-2 font-normal">{a.label}</th>
                {ORG_ROLES.map((r) => <td key={r} className="text-center">{(a.roles as readonly OrgRole[]).includes(r) ? yes : no}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
        <ul className="list-disc pl-5 text-sm text-slate-700">
          <li>There is always exactly one owner; ownership moves only by transfer, and the old owner becomes an admin.</li>
          {ORG_ROLES.filter((r) => MANAGEABLE_ROLES[r].length).map((r) => (
            <li key={r}>
              {ROLE_LABELS[r]}s manage {MANAGEABLE_ROLES[r].map((m) => ROLE_LABELS[m].toLowerCase() + "s").join(", ")} — never the owner, and never their own role.
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Project permissions" description="Levels on one project: read < write < admin. Your level is the highest of your organization role (owners and admins are project admins), your direct grant, your teams' grants, the organization baseline for organization-visible projects, and read for public projects.">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Project permissions</caption>
          <thead className="border-b border-slate-200">
            <tr>
              <th scope="col" className="py-2">Action</th>
              {levels.map((l) => <th key={l} scope="col" className="text-center capitalize">{l}</th>)}
            </tr>
          </thead>
          <tbody>
            {Object.entries(PROJECT_ACTIONS).map(([key, a]) => (
              <tr key={key} className="border-b border-slate-100">
                <th scope="row" className="py-2 font-normal">{a.label}</th>
                {levels.map((l) => (
                  <td key={l} className="text-center">
                    {(a.levels as readonly ProjectLevel[]).includes(l) ? yes : no}
                    {"capability" in a && (l === (a.capability === "deploy" ? "write" : "read")) ? <sup title="can be switched off org-wide, and back on per grant">*</sup> : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-xs text-slate-600">* Owners and admins can switch deploy off for write and predict off for read, organization-wide; a grant can switch it back on for one person or team.</p>
      </Section>
    </div>
  );
}

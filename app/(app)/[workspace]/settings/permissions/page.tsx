import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { OrgPermissionsForm } from "@/components/projects/org-permissions-form";
import { TokenPolicyForm } from "@/components/tokens/token-policy-form";
import { TokenTable } from "@/components/tokens/token-table";
import { Notice, Section } from "@/components/ui/notice";
import { requireUser } from "@/lib/auth/current-user";
import { ORG_ACTIONS, orgAllows } from "@/lib/authz/policy";
import { getWorkspace } from "@/lib/data/orgs";
import { listOrgTokens } from "@/lib/data/tokens";

export const metadata: Metadata = { title: "Permissions" };

export default async function OrgPermissionsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const user = await requireUser();
  const ws = await getWorkspace((await params).workspace, user.id);
  if (!ws || !ws.role) notFound();
  if (ws.org.kind === "personal") redirect("/settings");
  const canEdit = orgAllows(ws.role, "org.settings");
  const { org } = ws;
  // Who holds tokens into the organization is for those who may revoke them.
  const tokens = canEdit ? await listOrgTokens(org.id) : [];
  return (
    <>
    <Section title="Permissions" description="Who gets what on the organization's projects by default.">
      {canEdit ? null : <Notice>{ORG_ACTIONS["org.settings"].why}</Notice>}
      <OrgPermissionsForm
        org={org.slug}
        readOnly={!canEdit}
        values={{
          baseline: org.baseline, allowPublicProjects: org.allowPublicProjects, externalCollaborators: org.externalCollaborators,
          deployForWrite: org.deployForWrite, predictForRead: org.predictForRead,
        }}
      />
    </Section>
    <Section title="Personal access tokens" description="Tokens let members' scripts use the API here, never beyond the member's own access.">
      <TokenPolicyForm
        org={org.slug}
        readOnly={!canEdit}
        values={{ allowApiTokens: org.allowApiTokens, allowNonExpiringTokens: org.allowNonExpiringTokens }}
      />
      {canEdit ? <TokenTable tokens={tokens} org={org.slug} caption="Tokens that reach this organization" /> : null}
    </Section>
    </>
  );
}

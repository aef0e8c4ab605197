import type { Metadata } from "next";
import { DeleteOrgForm } from "@/components/org/danger-form";
import { Notice, Section } from "@/components/ui/notice";
import { ORG_ACTIONS, orgAllows } from "@/lib/authz/policy";
import { settingsContext } from "../org-context";

export const metadata: Metadata = { title: "Danger zone" };

export default async function DangerPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { org, role } = await settingsContext((await params).workspace);
  return (
    <Section
      title="Danger zone"
      description="Deleting the organization deletes its projects, resources, teams, invitations and audit log, for every member. This cannot be undone."
    >
      {orgAllows(role, "org.delete") ? <DeleteOrgForm slug={org.slug} /> : <Notice>{ORG_ACTIONS["org.delete"].why}</Notice>}
    </Section>
  );
}

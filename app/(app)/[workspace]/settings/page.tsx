import type { Metadata } from "next";
import { GeneralForm } from "@/components/org/general-form";
import { Notice, Section } from "@/components/ui/notice";
import { ORG_ACTIONS, orgAllows } from "@/lib/authz/policy";
import { settingsContext } from "./org-context";

export const metadata: Metadata = { title: "Organization settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { org, role } = await settingsContext((await params).workspace);
  const canEdit = orgAllows(role, "org.edit");
  return (
    <Section title="General">
      {canEdit ? null : <Notice>{ORG_ACTIONS["org.edit"].why}</Notice>}
      <GeneralForm org={org} readOnly={!canEdit} />
    </Section>
  );
}

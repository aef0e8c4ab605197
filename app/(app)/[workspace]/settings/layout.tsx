import type { ReactNode } from "react";
import { SettingsNav } from "@/components/org/settings-nav";
import { orgAllows, ROLE_LABELS } from "@/lib/authz/policy";
import { settingsContext } from "./org-context";

export default async function OrgSettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { org, role } = await settingsContext((await params).workspace);
  const base = `/${org.slug}/settings`;
  const tabs = [
    { href: base, label: "General" },
    { href: `${base}/people`, label: "People" },
    { href: `${base}/teams`, label: "Teams" },
    { href: `${base}/permissions`, label: "Permissions" },
    { href: `${base}/billing`, label: "Billing" },
    ...(orgAllows(role, "org.audit") ? [{ href: `${base}/audit`, label: "Audit log" }] : []),
    { href: `${base}/roles`, label: "Roles & permissions" },
    { href: `${base}/danger`, label: "Danger zone" },
  ];
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{org.displayName} settings</h1>
        <p className="text-sm text-slate-600">You are {ROLE_LABELS[role].toLowerCase()} of this organization.</p>
      </div>
      <div className="flex flex-col gap-6 md:flex-row">
        <SettingsNav tabs={tabs} />
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </div>
  );
}

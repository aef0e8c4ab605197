"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ProjectLevel } from "@/db/schema";
import { setGrantCapabilitiesAction } from "@/lib/actions/projects/set-grant-capabilities";

interface Props {
  projectId: string;
  grantId: string;
  level: ProjectLevel;
  who: string;
  canDeploy: boolean | null;
  canPredict: boolean | null;
  switches: { deployForWrite: boolean; predictForRead: boolean };
}

/**
 * SPEC §3 per-grant overrides, shown only where the org switched a capability off for this grant's
 * level: deploy for write grants, predict for read grants. Anywhere else they would change nothing.
 */
export function CapabilityOverrides({ projectId, grantId, level, who, canDeploy, canPredict, switches }: Props) {
  const showDeploy = !switches.deployForWrite && level === "write";
  const showPredict = !switches.predictForRead && level === "read";
  const [deploy, setDeploy] = useState(canDeploy === true);
  const [predict, setPredict] = useState(canPredict === true);
  const { formProps, pending, formError, errors, succeeded } = useActionForm(setGrantCapabilitiesAction);
  if (!showDeploy && !showPredict) return null;
  const error = formError ?? errors.canDeploy?.[0] ?? errors.canPredict?.[0];
  return (
    <form {...formProps} className="mt-2 flex flex-wrap items-center gap-3 text-sm" aria-label={`Capability overrides for ${who}`}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="grantId" value={grantId} />
      {showDeploy ? (
        <label className="flex items-center gap-1">
          <input type="hidden" name="canDeploy" value={deploy ? "on" : "inherit"} />
          <input type="checkbox" checked={deploy} onChange={(e) => setDeploy(e.target.checked)} />
          Allow deploying<span className="sr-only"> for {who}</span>
        </label>
      ) : null}
      {showPredict ? (
        <label className="flex items-center gap-1">
          <input type="hidden" name="canPredict" value={predict ? "on" : "inherit"} />
          <input type="checkbox" checked={predict} onChange={(e) => setPredict(e.target.checked)} />
          Allow predicting<span className="sr-only"> for {who}</span>
        </label>
      ) : null}
      <button type="submit" disabled={pending} className={buttonClass("secondary")} aria-label={`Save capabilities for ${who}`}>
        Save
      </button>
      {succeeded ? <span role="status" className="text-xs text-green-700">Capabilities saved</span> : null}
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
    </form>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { linkButton } from "@/components/ui/button-styles";
import { Notice } from "@/components/ui/notice";
import { PROJECT_ACTIONS, projectAllows } from "@/lib/authz/policy";
import type { ProjectAccess } from "@/lib/authz/resolve";
import type { ProjectTarget, ResourceDetail } from "@/lib/data/resources";
import type { ModelPayload } from "@/lib/ml/types";
import { projectPath } from "@/lib/resources/kinds";
import { DeployForm } from "./deploy-form";
import { MoveForm } from "./move-form";
import { PredictForm } from "./predict-form";

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const id = `panel-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h3 id={id} className="font-semibold">{title}</h3>
      {children}
    </section>
  );
}

interface Props {
  resource: ResourceDetail;
  access: ProjectAccess;
  signedIn: boolean;
  targets: { move: ProjectTarget[]; transfer: ProjectTarget[] };
}

/**
 * What the viewer can do with this resource, from the same policy table the server checks;
 * where something is not allowed, the reason takes the control's place.
 */
export function ResourceActions({ resource, access, signedIn, targets }: Props) {
  const can = (action: "resource.write" | "resource.deploy" | "resource.predict") =>
    signedIn && projectAllows(access.level, action, access.capabilities);
  const base = projectPath(access.org.slug, access.project.slug);
  const projectId = access.project.id;
  const predictable = resource.kind === "model" || resource.kind === "endpoint";
  const deployable = resource.kind === "model" || resource.kind === "run";
  const writer = can("resource.write");
  return (
    <div className="space-y-4">
      {predictable ? (
        <Panel title="Predict">
          {can("resource.predict") ? (
            <PredictForm projectId={projectId} resourceId={resource.id} target={(resource.payload as ModelPayload).target} inputs={(resource.payload as ModelPayload).inputs} />
          ) : (
            <Notice>{signedIn ? PROJECT_ACTIONS["resource.predict"].why : "Sign in to make predictions."}</Notice>
          )}
        </Panel>
      ) : null}
      {deployable && writer ? (
        <Panel title="Deploy">
          {can("resource.deploy") ? (
            <DeployForm projectId={projectId} resourceId={resource.id} defaultName={`${resource.name} endpoint`} />
          ) : (
            <Notice>{PROJECT_ACTIONS["resource.deploy"].why}</Notice>
          )}
        </Panel>
      ) : null}
      {writer ? (
        <Panel title="Manage">
          <div className="flex flex-wrap gap-2">
            {resource.kind === "dataset" ? <Link href={`${base}/new/model?dataset=${resource.id}`} className={linkButton.secondary}>Train a model on it</Link> : null}
            {resource.kind === "model" ? <Link href={`${base}/new/run?model=${resource.id}`} className={linkButton.secondary}>Record a run from it</Link> : null}
          </div>
          {targets.move.length ? (
            <MoveForm mode="move" projectId={projectId} resourceId={resource.id} targets={targets.move} />
          ) : (
            <p className="text-sm text-slate-600">Moving: there is no other project in {access.org.displayName} where you have write access.</p>
          )}
          {access.org.kind === "personal" && access.orgRole === "owner" ? (
            targets.transfer.length ? (
              <MoveForm mode="transfer" projectId={projectId} resourceId={resource.id} targets={targets.transfer} />
            ) : (
              <p className="text-sm text-slate-600">Transferring: you have write access to no organization project yet.</p>
            )
          ) : null}
        </Panel>
      ) : signedIn ? (
        <Notice>{PROJECT_ACTIONS["resource.write"].why}</Notice>
      ) : null}
    </div>
  );
}

import type { DatasetMetadata, DatasetPayload } from "@/lib/csv/dataset";
import type { ResourceDetail } from "@/lib/data/resources";
import type { ModelMetadata, ModelPayload } from "@/lib/ml/types";
import { DatasetView } from "./dataset-view";
import { ModelScore, ModelView } from "./model-view";
import { PredictionView } from "./prediction-view";
import { RunView } from "./run-view";

/** What the resource holds, shown the way its kind is read. */
export function ResourceBody({ resource }: { resource: ResourceDetail }) {
  const meta = resource.metadata;
  switch (resource.kind) {
    case "dataset":
      return <DatasetView metadata={meta as unknown as DatasetMetadata} payload={resource.payload as DatasetPayload | null} />;
    case "model":
      return <ModelView metadata={meta as unknown as ModelMetadata} payload={resource.payload as ModelPayload} />;
    case "run":
      return <RunView metadata={meta as Parameters<typeof RunView>[0]["metadata"]} />;
    case "prediction":
      return <PredictionView metadata={meta as unknown as Parameters<typeof PredictionView>[0]["metadata"]} />;
    case "endpoint": {
      const m = meta as unknown as Pick<ModelMetadata, "task" | "target" | "inputs" | "metrics"> & { status: string; modelName: string };
      const payload = resource.payload as ModelPayload;
      return (
        <div className="space-y-2 text-sm">
          <p>
            Status: <strong>{m.status}</strong>. Serves a frozen copy of the model “{m.modelName}”: it answers the same even if the model is
            retrained, moved or deleted.
          </p>
          <p>Predicts {payload.target} from {payload.inputs.map((i) => i.name).join(", ")}.</p>
          {m.metrics ? <ModelScore metadata={{ task: payload.task, metrics: m.metrics }} /> : null}
        </div>
      );
    }
  }
}

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { db } from "../factories";

describe("the demo seed's churn example", () => {
  it("puts the churn dataset, a trained model, a run, an endpoint and predictions in Gym Membership Retention", async () => {
    const d = await db();
    expect(await seedDemo(d)).toEqual({ seeded: true });
    const list = await rows<{ kind: string; name: string; metadata: Record<string, unknown>; creator: string }>(
      d,
      sql`select r.kind, r.name, r.metadata, u.username as creator from resources r join projects p on p.id = r.project_id
          join users u on u.id = r.created_by where p.slug = 'gym-membership-retention' order by r.created_at, r.kind`,
    );
    const kinds = list.map((r) => r.kind);
    expect(kinds.filter((k) => k === "dataset")).toHaveLength(1);
    expect(kinds.filter((k) => k === "prediction").length).toBeGreaterThanOrEqual(3);
    expect(new Set(kinds)).toEqual(new Set(["dataset", "model", "run", "endpoint", "prediction"]));

    const dataset = list.find((r) => r.kind === "dataset")!;
    expect(dataset.metadata.rowCount).toBe(500);
    expect((dataset.metadata.columns as { name: string }[]).map((c) => c.name)).toEqual(["membership_months", "visits_per_week", "age", "plan", "churned"]);
    const model = list.find((r) => r.kind === "model")!;
    const metrics = model.metadata.metrics as { holdoutAccuracy: number; baselineAccuracy: number };
    expect(metrics.holdoutAccuracy).toBeGreaterThan(metrics.baselineAccuracy);
    const [first] = list.filter((r) => r.kind === "prediction");
    expect(first.metadata).toMatchObject({ target: "churned", prediction: "yes" });
  });
});

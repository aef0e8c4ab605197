"use server";

import { z } from "zod";
import { resources } from "@/db/schema";
import { buildDataset } from "@/lib/csv/dataset";
import { CsvError } from "@/lib/csv/errors";
import { fieldError } from "../result";
import { projectAction } from "../safe-action";
import { auditTarget, projectIdSchema, resourceDescriptionSchema, urls } from "./shared";

const Input = z.object({
  projectId: projectIdSchema,
  name: z.string().trim().max(120, "Name must be at most 120 characters.").default(""),
  description: resourceDescriptionSchema,
  file: z.instanceof(File, { message: "Choose a CSV file to upload." }),
});

/** Decoding and parsing up to 5 MB happens before the transaction: no lock is held while it runs. */
async function parseUpload(input: z.output<typeof Input>) {
  if (input.file.size === 0 && input.file.name === "") throw fieldError("file", "Choose a CSV file to upload.");
  try {
    return buildDataset(new Uint8Array(await input.file.arrayBuffer()), input.file.name);
  } catch (err) {
    if (err instanceof CsvError) throw fieldError("file", err.message);
    throw err;
  }
}

export const uploadDatasetAction = projectAction(
  Input,
  "resource.write",
  async (input, { tx, user, access, auditProject, prepared: built }) => {
    const name = input.name || input.file.name.replace(/\.(csv|tsv|txt)$/i, "") || "Dataset";
    const [row] = await tx
      .insert(resources)
      .values({
        projectId: access.project.id, kind: "dataset", name, description: input.description,
        metadata: built.metadata, payload: built.payload, createdBy: user.id,
      })
      .returning({ id: resources.id });
    await auditProject({
      action: "resource.create", ...auditTarget({ id: row.id, name, kind: "dataset" }),
      after: { kind: "dataset", project: access.project.name, rows: built.metadata.rowCount, columns: built.metadata.columns.length },
    });
    return { id: row.id, redirectTo: urls(access).resource(row.id) };
  },
  { prepare: parseUpload },
);

import { decodeUtf8 } from "./decode";
import { CsvError } from "./errors";
import { inferColumns, type ColumnInfo } from "./infer";
import { DATASET_MAX_BYTES, DATASET_MAX_LABEL } from "./limits";
import { parseCsv } from "./parse";

export interface DatasetMetadata {
  columns: ColumnInfo[];
  rowCount: number;
  bytes: number;
  fileName: string;
  delimiter: string;
}

export interface DatasetPayload {
  csv: string;
  rows: string[][];
}

/** An uploaded file checked, parsed and described, or a CsvError that says what to fix. */
export function buildDataset(bytes: Uint8Array, fileName: string): { metadata: DatasetMetadata; payload: DatasetPayload } {
  if (bytes.byteLength > DATASET_MAX_BYTES) {
    const mb = (bytes.byteLength / 1_000_000).toFixed(1);
    throw new CsvError(`The file is ${mb} MB; the limit is ${DATASET_MAX_LABEL}.`);
  }
  const csv = decodeUtf8(bytes);
  const parsed = parseCsv(csv);
  return {
    metadata: {
      columns: inferColumns(parsed.columns, parsed.rows),
      rowCount: parsed.rows.length,
      bytes: bytes.byteLength,
      fileName,
      delimiter: parsed.delimiter,
    },
    payload: { csv, rows: parsed.rows },
  };
}

import Papa from "papaparse";
import { DATASET_MAX_COLUMNS } from "./limits";
import { CsvError } from "./errors";

export interface ParsedCsv {
  columns: string[];
  rows: string[][];
  delimiter: string;
}

function lineCounter(text: string) {
  let offset = 0;
  let line = 1;
  return (to: number) => {
    for (; offset < to && offset < text.length; offset++) if (text.charCodeAt(offset) === 10) line++;
    return line;
  };
}

function isBlank(row: string[]): boolean {
  return row.every((cell) => cell.trim() === "");
}

function headerProblem(columns: string[], line: number): CsvError | null {
  const unnamed = columns.findIndex((c) => c === "");
  if (unnamed >= 0) return new CsvError(`Line ${line}: column ${unnamed + 1} of the header has no name.`, line);
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.toLowerCase())) return new CsvError(`Line ${line}: the header names the column “${c}” twice.`, line);
    seen.add(c.toLowerCase());
  }
  if (columns.length > DATASET_MAX_COLUMNS) {
    return new CsvError(`Line ${line}: the header has ${columns.length} columns; at most ${DATASET_MAX_COLUMNS} are supported.`, line);
  }
  return null;
}

/**
 * A header row and data rows, every row as wide as the header. Errors name the file's line
 * (not the row index), counting the lines inside quoted cells, because that is what an editor shows.
 */
export function parseCsv(text: string): ParsedCsv {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = Papa.parse<string[]>(source.slice(0, 20_000), { preview: 20, skipEmptyLines: true, delimitersToGuess: [",", ";", "\t", "|"] }).meta.delimiter || ",";
  const lineAt = lineCounter(source);
  let rowStart = 0;
  // Papa calls back synchronously; a holder keeps TypeScript from narrowing these to null.
  const state: { columns: string[] | null; failure: CsvError | null } = { columns: null, failure: null };
  const rows: string[][] = [];

  Papa.parse<string[]>(source, {
    delimiter,
    step(result, parser) {
      const line = lineAt(rowStart);
      rowStart = result.meta.cursor;
      const quoteError = result.errors.find((e) => e.type === "Quotes");
      if (quoteError) {
        state.failure = new CsvError(`Line ${line}: a quoted value is not closed (${quoteError.message.toLowerCase()}).`, line);
        parser.abort();
        return;
      }
      const row = result.data;
      if (isBlank(row)) return;
      const columns = state.columns;
      if (!columns) {
        state.failure = headerProblem(row.map((c) => c.trim()), line);
        state.columns = row.map((c) => c.trim());
        if (state.failure) parser.abort();
        return;
      }
      if (row.length !== columns.length) {
        state.failure = new CsvError(
          `Line ${line} has ${row.length} ${row.length === 1 ? "value" : "values"} but the header has ${columns.length} columns.`,
          line,
        );
        parser.abort();
        return;
      }
      rows.push(row.map((c) => c.trim()));
    },
  });

  if (state.failure) throw state.failure;
  if (!state.columns) throw new CsvError("The file is empty: choose a CSV file with a header row and at least one data row.");
  if (rows.length === 0) throw new CsvError("The file has a header row but no data rows.");
  return { columns: state.columns, rows, delimiter };
}

import { describe, expect, it } from "vitest";
import { buildDataset } from "@/lib/csv/dataset";
import { inferColumns } from "@/lib/csv/infer";
import { parseCsv } from "@/lib/csv/parse";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("parseCsv", () => {
  it("reads the header and rows, trimming cells and skipping blank lines", () => {
    expect(parseCsv("name, age\n Ada ,36\n\nBob,41\n")).toEqual({ columns: ["name", "age"], rows: [["Ada", "36"], ["Bob", "41"]], delimiter: "," });
  });

  it("detects semicolons and tabs, and ignores a byte-order mark", () => {
    expect(parseCsv("\uFEFFa;b\n1;2\n").columns).toEqual(["a", "b"]);
    expect(parseCsv("a\tb\n1\t2\n").rows).toEqual([["1", "2"]]);
  });

  it("keeps quoted delimiters and line breaks inside a cell", () => {
    expect(parseCsv('a,b\n"x, y","line\nbreak"\n').rows).toEqual([["x, y", "line\nbreak"]]);
  });

  it("names the file's line of a ragged row, counting CRLF lines", () => {
    expect(() => parseCsv("a,b\r\n1,2\r\n3\r\n")).toThrow(expect.objectContaining({ message: "Line 3 has 1 value but the header has 2 columns.", line: 3 }));
  });

  it("reads a single-column file", () => {
    expect(parseCsv("only\n1\n2\n").rows).toEqual([["1"], ["2"]]);
  });
});

describe("inferColumns", () => {
  it("tells numbers, booleans and categories apart, counting missing cells", () => {
    const cols = inferColumns(["n", "flag", "plan"], [["1.5", "yes", "basic"], ["", "no", "premium"], ["-2e1", "yes", ""]]);
    expect(cols.map((c) => [c.name, c.type, c.missing])).toEqual([["n", "number", 1], ["flag", "boolean", 0], ["plan", "category", 1]]);
    expect(cols[0]).toMatchObject({ min: -20, max: 1.5 });
    expect(cols[2].values).toEqual(["basic", "premium"]);
  });

  it("reads 0/1 as numbers and a column with text among numbers as a category", () => {
    const cols = inferColumns(["bit", "mixed"], [["0", "1"], ["1", "two"]]);
    expect(cols.map((c) => c.type)).toEqual(["number", "category"]);
  });
});

describe("buildDataset", () => {
  it("describes the upload: columns, row count, size and file name", () => {
    const { metadata, payload } = buildDataset(bytes("a,b\n1,x\n2,y\n"), "tiny.csv");
    expect(metadata).toMatchObject({ rowCount: 2, bytes: 12, fileName: "tiny.csv" });
    expect(payload.rows).toEqual([["1", "x"], ["2", "y"]]);
    expect(payload.csv).toBe("a,b\n1,x\n2,y\n");
  });

  it("refuses a file over the limit before reading it", () => {
    expect(() => buildDataset(new Uint8Array(5_000_001), "big.csv")).toThrow(/the limit is 5 MB/);
  });
});

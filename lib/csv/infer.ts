export type ColumnType = "number" | "boolean" | "category";

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  /** Empty cells. */
  missing: number;
  distinct: number;
  /** Up to a handful of values, for categories and booleans. */
  values?: string[];
  min?: number;
  max?: number;
  mean?: number;
}

const BOOLEAN_WORDS = new Set(["true", "false", "yes", "no", "y", "n"]);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function isNumberCell(cell: string): boolean {
  return NUMBER.test(cell);
}

/** Each column's type from all of its non-empty cells: number if every one is numeric, etc. */
export function inferColumns(columns: string[], rows: string[][]): ColumnInfo[] {
  return columns.map((name, index) => {
    const present = rows.map((r) => r[index]).filter((c) => c !== "");
    const distinct = [...new Set(present)];
    const info: ColumnInfo = { name, type: "category", missing: rows.length - present.length, distinct: distinct.length };
    if (present.length > 0 && present.every(isNumberCell)) {
      const numbers = present.map(Number);
      info.type = "number";
      // reduce, not Math.min(...numbers): spreading tens of thousands of arguments can overflow the stack.
      info.min = numbers.reduce((a, b) => Math.min(a, b));
      info.max = numbers.reduce((a, b) => Math.max(a, b));
      info.mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
    } else if (present.length > 0 && distinct.length <= 2 && distinct.every((v) => BOOLEAN_WORDS.has(v.toLowerCase()))) {
      info.type = "boolean";
      info.values = distinct.sort();
    } else {
      info.values = distinct.sort().slice(0, 20);
    }
    return info;
  });
}

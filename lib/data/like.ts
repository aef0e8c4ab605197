/** A search term as an ILIKE pattern matching it anywhere: its own `%`, `_` and `\` match themselves. */
export function containsPattern(term: string): string {
  return "%" + term.replace(/[\\%_]/g, (c) => "\\" + c) + "%";
}

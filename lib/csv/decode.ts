import { CsvError } from "./errors";

/**
 * Bytes to text, refusing anything that is not UTF-8 rather than guessing: a Latin-1 file read
 * as UTF-8 would silently turn "é" into replacement characters in every stored row.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) throw new CsvError("The file is empty: choose a CSV file with a header row and at least one data row.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CsvError("The file is not valid UTF-8 text. Save it as “CSV UTF-8” and upload it again.");
  }
  if (text.includes("\u0000")) throw new CsvError("The file looks binary (it contains NUL bytes), not like CSV text.");
  if (text.trim() === "") throw new CsvError("The file is empty: choose a CSV file with a header row and at least one data row.");
  return text;
}

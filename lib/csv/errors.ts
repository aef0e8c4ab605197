/** A file the user can fix: the message is shown as it is, next to the file field. */
export class CsvError extends Error {
  constructor(
    message: string,
    public line?: number,
  ) {
    super(message);
  }
}

/** A choice the user can change (a field of the train or predict form) and why it cannot work. */
export class TrainError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
  }
}

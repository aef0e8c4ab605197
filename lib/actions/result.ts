export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: FieldErrors; status: number };

/** An expected refusal: shown to the user as it is, never logged as a failure. */
export class ActionError extends Error {
  constructor(
    message: string,
    public status = 400,
    public fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}

export class NotFoundError extends ActionError {
  constructor(what = "Not found") {
    super(what, 404);
  }
}

export class ForbiddenError extends ActionError {
  constructor(why: string) {
    super(why, 403);
  }
}

export function fieldError(field: string, message: string): ActionError {
  return new ActionError(message, 400, { [field]: [message] });
}

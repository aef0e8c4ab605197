/**
 * next.config raises the server-action body limit to 6 MB, just above this, so a file the form
 * accepts always reaches the action, which refuses anything larger with a clear message instead
 * of the framework's generic 413.
 */
export const DATASET_MAX_BYTES = 5_000_000;
export const DATASET_MAX_LABEL = "5 MB";
/** Columns beyond this make neither a readable preview nor a readable tree. */
export const DATASET_MAX_COLUMNS = 50;

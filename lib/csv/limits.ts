/**
 * Next's server actions accept request bodies up to 1 MB unless next.config raises the limit, so
 * the dataset limit sits just under it: a file the form accepts always reaches the action, which
 * can then refuse it with a clear message instead of the framework's generic 413.
 */
export const DATASET_MAX_BYTES = 1_000_000;
export const DATASET_MAX_LABEL = "1 MB";
/** Columns beyond this make neither a readable preview nor a readable tree. */
export const DATASET_MAX_COLUMNS = 50;

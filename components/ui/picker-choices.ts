/** A person a search picker offers. */
export interface Choice {
  id: string;
  username: string;
  name: string | null;
}

/** What the picker shows of its search: the matches (none yet: undefined), and how the search is going. */
export interface ChoicesResult {
  data: Choice[] | undefined;
  isError: boolean;
  isFetching: boolean;
}

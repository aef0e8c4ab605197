/** Page sizes of a project's resource list through the API. */
export const RESOURCE_PAGE_SIZE = 50;
export const RESOURCE_PAGE_MAX = 100;

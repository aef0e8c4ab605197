import "server-only";
import { getMe, listMyWorkspaces } from "./endpoints/account";
import { deleteProject, getProject, listMembers, listResources, updateProject } from "./endpoints/project";
import { createRun, deleteResource, getResource, predict, trainModel, uploadDataset } from "./endpoints/resources";
import { createDefaultProject, createWorkspaceProject, listDefaultProjects, listWorkspaceProjects } from "./endpoints/workspace-projects";

/** Every /api/v1 route, in the order the reference lists them; the OpenAPI document is built from this. */
export const ENDPOINTS = [
  getMe, listMyWorkspaces,
  listWorkspaceProjects, createWorkspaceProject, listDefaultProjects, createDefaultProject,
  getProject, updateProject, deleteProject, listMembers,
  listResources, uploadDataset, trainModel, createRun, getResource, deleteResource, predict,
] as const;

// The live directory: users, teams and departments are records of the system, not metadata; edits apply at once.
import { apiFetch } from '../../api/client'
import type { Department, Team, User } from './securityTypes'

export const securityApi = {
  users: () => apiFetch<{ value: User[] }>('/api/users?$top=500').then((r) => r.value),
  createUser: (body: Record<string, unknown>) => apiFetch<User>('/api/users', { method: 'POST', body }),
  updateUser: (user: User, body: Record<string, unknown>) =>
    apiFetch<User>(`/api/users/${user.id}`, { method: 'PATCH', body, headers: { 'If-Match': `"${user.version}"` } }),
  teams: () => apiFetch<{ value: Team[] }>('/api/teams').then((r) => r.value),
  createTeam: (body: Record<string, unknown>) => apiFetch<Team>('/api/teams', { method: 'POST', body }),
  updateTeam: (id: string, body: Record<string, unknown>) => apiFetch<Team>(`/api/teams/${id}`, { method: 'PATCH', body }),
  departments: () => apiFetch<{ value: Department[] }>('/api/departments').then((r) => r.value),
  createDepartment: (body: Record<string, unknown>) => apiFetch<Department>('/api/departments', { method: 'POST', body }),
  updateDepartment: (id: string, body: Record<string, unknown>) => apiFetch<Department>(`/api/departments/${id}`, { method: 'PATCH', body }),
}

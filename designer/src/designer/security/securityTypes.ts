// Users, teams and departments (live, from /api/users, /api/teams, /api/departments) and roles (metadata, docs/security.md).
import type { LocalizedText } from '../../api/types'

export interface User {
  id: string
  username: string
  displayName?: string | null
  email?: string | null
  roles: string[]
  teamId?: string | null
  team?: string | null
  departmentId?: string | null
  department?: string | null
  active: boolean
  lastLoginAt?: string | null
  version: number
}

export interface Team { id: string; name: string; leadId?: string | null; lead?: string | null; departmentId?: string | null; department?: string | null; members: number }
export interface Department { id: string; name: string; parentId?: string | null; parent?: string | null; managerId?: string | null; manager?: string | null }

export type Scope = 'none' | 'own' | 'team' | 'department' | 'all'
export const scopes: Scope[] = ['none', 'own', 'team', 'department', 'all']
export const operations = ['create', 'read', 'update', 'delete', 'assign', 'share', 'export'] as const
export type Operation = (typeof operations)[number]

export interface Role {
  name: string
  label?: LocalizedText
  description?: LocalizedText
  entities?: Record<string, Partial<Record<Operation, Scope>>>
  fields?: Record<string, Record<string, 'none' | 'read' | 'update'>>
  capabilities?: string[]
  [key: string]: unknown
}

export const scopeLabels: Record<Scope, [string, string]> = {
  none: ['None', 'Yok'], own: ['Own', 'Kendi'], team: ['Team', 'Ekip'], department: ['Department', 'Departman'], all: ['All', 'Tümü'],
}
export const operationLabels: Record<Operation, [string, string]> = {
  create: ['Create', 'Oluştur'], read: ['Read', 'Oku'], update: ['Update', 'Güncelle'], delete: ['Delete', 'Sil'],
  assign: ['Assign', 'Ata'], share: ['Share', 'Paylaş'], export: ['Export', 'Dışa aktar'],
}

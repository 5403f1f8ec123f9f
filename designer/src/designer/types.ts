// The parts of the metadata document the designer edits, wider than what end-user screens read (src/api/types.ts).
// Everything else in the document (automations, roles, templates…) is carried through untouched.
import type { EntityDefinition, FieldDefinition, FormDefinition, LocalizedText, Metadata, ViewDefinition } from '../api/types'

export type OnDelete = 'restrict' | 'setNull' | 'cascade'

export type DesignField = FieldDefinition & {
  unique?: boolean
  onDelete?: OnDelete
  format?: string
  precision?: number
  [key: string]: unknown
}

export type DesignEntity = Omit<EntityDefinition, 'fields'> & { icon?: string; fields: DesignField[]; [key: string]: unknown }

export interface DesignStage {
  name: string
  label?: LocalizedText
  probability?: number
  color?: string
  outcome?: 'won' | 'lost'
  requiredFields?: string[]
  transitions?: string[]
}

export interface DesignPipeline {
  name: string
  label?: LocalizedText
  entity: string
  field: string
  selector?: { field: string; value: string }
  amountField?: string
  closeDateField?: string
  stages: DesignStage[]
}

export type DesignDocument = Omit<Metadata, 'entities'> & {
  entities: DesignEntity[]
  forms?: FormDefinition[]
  views?: ViewDefinition[]
  pipelines?: DesignPipeline[]
  [key: string]: unknown
}

/** One error of a preview or a refused publish: where in the document, and why. */
export interface DocumentError {
  path: string
  code?: string
  message: string
}

export interface DocumentChange {
  op: 'added' | 'changed' | 'removed'
  path: string
  from?: unknown
  to?: unknown
}

export interface FailingRow {
  id: string
  value: string | null
}

export interface DataImpact {
  path: string
  table: string
  column: string
  message: string
  affectedRows: number
  failingRows: number
  samples: FailingRow[]
  blocking: boolean
}

export interface PublishResult {
  valid: boolean
  published: boolean
  baseVersion: number
  version: number
  errors: DocumentError[]
  changes: DocumentChange[]
  ddl: string[]
  impact: DataImpact[]
}

export interface VersionRow {
  version: number
  author: string
  publishedAt: string
  comment?: string | null
  restoredFrom?: number | null
}

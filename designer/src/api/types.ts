// The metadata document and record shapes the SPA reads (see docs and engine/NoCodeCrm.Engine/Metadata).

export type LocalizedText = Record<string, string>

export type FieldType =
  | 'text' | 'textarea' | 'integer' | 'decimal' | 'currency' | 'percent' | 'boolean' | 'date' | 'datetime'
  | 'choice' | 'multiChoice' | 'email' | 'phone' | 'url' | 'lookup' | 'user' | 'autonumber'

export interface OptionDefinition {
  value: string
  label?: LocalizedText
  color?: string
}

export interface FieldDefinition {
  name: string
  type: FieldType
  label?: LocalizedText
  helpText?: LocalizedText
  required?: boolean
  retired?: boolean
  searchable?: boolean
  default?: unknown
  min?: number
  max?: number
  maxLength?: number
  pattern?: string
  scale?: number
  options?: OptionDefinition[]
  target?: string
  formula?: string
  rollup?: unknown
}

export type Module = 'marketing' | 'sales' | 'service' | 'settings'

export interface EntityDefinition {
  name: string
  label?: LocalizedText
  pluralLabel?: LocalizedText
  primaryField?: string
  module?: Module
  retired?: boolean
  fields: FieldDefinition[]
}

export interface FormSection {
  name: string
  label?: LocalizedText
  columns?: number
  fields: string[]
}

export interface FormTab {
  name: string
  label?: LocalizedText
  sections: FormSection[]
}

export interface FormRelatedList {
  entity: string
  field: string
  label?: LocalizedText
}

export interface FormDefinition {
  name: string
  entity: string
  label?: LocalizedText
  tabs: FormTab[]
  relatedLists?: FormRelatedList[]
}

export interface ViewDefinition {
  name: string
  entity: string
  label?: LocalizedText
  columns: string[]
  sort?: string
  filter?: string
  default?: boolean
}

export interface Metadata {
  version: number
  settings?: { defaultLanguage?: string; languages?: string[]; currency?: string }
  entities: EntityDefinition[]
  forms?: FormDefinition[]
  views?: ViewDefinition[]
}

export type CrmRecord = Record<string, unknown> & { id: string; version: number }

export interface RecordPage {
  value: CrmRecord[]
  count?: number
}

export interface Me {
  id: string
  username: string
  roles: string[]
  administrator: boolean
  language?: string
}

export interface UserSummary {
  id: string
  username: string
  displayName?: string
}

// Reading the metadata: entities, fields along lookup paths, the default view and form (or a sensible fallback).
import type { EntityDefinition, FieldDefinition, FormDefinition, Metadata, ViewDefinition } from '../api/types'

export const systemFields: FieldDefinition[] = [
  { name: 'created_at', type: 'datetime', label: { en: 'Created', tr: 'Oluşturulma' } },
  { name: 'updated_at', type: 'datetime', label: { en: 'Updated', tr: 'Güncellenme' } },
  { name: 'owner', type: 'user', label: { en: 'Owner', tr: 'Sahip' } },
]

export function activeEntities(metadata: Metadata): EntityDefinition[] {
  return metadata.entities.filter((e) => !e.retired)
}

export function findEntity(metadata: Metadata, name: string): EntityDefinition | undefined {
  return metadata.entities.find((e) => e.name === name && !e.retired)
}

export function activeFields(entity: EntityDefinition): FieldDefinition[] {
  return entity.fields.filter((f) => !f.retired)
}

export function findField(entity: EntityDefinition, name: string): FieldDefinition | undefined {
  return entity.fields.find((f) => f.name === name && !f.retired) ?? systemFields.find((f) => f.name === name)
}

export interface ResolvedPath {
  path: string
  /** The field the path ends in. */
  field: FieldDefinition
  /** The lookups walked to get there (company for company/name). */
  via: FieldDefinition[]
}

/** Resolves company/name on person to the name field of company, through the company lookup. */
export function resolvePath(metadata: Metadata, entity: EntityDefinition, path: string): ResolvedPath | undefined {
  const segments = path.split('/')
  const via: FieldDefinition[] = []
  let current: EntityDefinition | undefined = entity
  for (let i = 0; i < segments.length; i++) {
    if (!current) return undefined
    const field = findField(current, segments[i])
    if (!field) return undefined
    if (i === segments.length - 1) return { path, field, via }
    if (field.type !== 'lookup' || !field.target) return undefined
    via.push(field)
    current = findEntity(metadata, field.target)
  }
  return undefined
}

export function defaultView(metadata: Metadata, entity: EntityDefinition): ViewDefinition {
  const views = (metadata.views ?? []).filter((v) => v.entity === entity.name)
  const view = views.find((v) => v.default) ?? views[0]
  if (view) return view
  return {
    name: `${entity.name}_default`,
    entity: entity.name,
    columns: activeFields(entity).filter((f) => f.type !== 'textarea').slice(0, 6).map((f) => f.name),
    sort: entity.primaryField ? `${entity.primaryField} asc` : 'created_at desc',
  }
}

/** Columns of a view plus fields published after the layouts were designed (on neither view nor form), so a new field shows without editing the view. */
export function viewColumns(metadata: Metadata, entity: EntityDefinition, view: ViewDefinition): string[] {
  const columns = view.columns.filter((c) => resolvePath(metadata, entity, c))
  const known = new Set([...columns, ...formFields(metadata, entity)])
  const added = activeFields(entity).filter((f) => !known.has(f.name) && f.type !== 'textarea').map((f) => f.name)
  return [...columns, ...added]
}

export function mainForm(metadata: Metadata, entity: EntityDefinition): FormDefinition {
  const form = (metadata.forms ?? []).find((f) => f.entity === entity.name)
  const fields = activeFields(entity)
  if (!form) {
    return { name: `${entity.name}_default`, entity: entity.name, tabs: [{ name: 'general', sections: [{ name: 'main', columns: 2, fields: fields.map((f) => f.name) }] }] }
  }
  // Fields added since the form was designed go into a last section, so nothing published is unreachable.
  const placed = new Set(form.tabs.flatMap((t) => t.sections.flatMap((s) => s.fields)))
  const extra = fields.filter((f) => !placed.has(f.name)).map((f) => f.name)
  if (extra.length === 0) return form
  const [first, ...rest] = form.tabs
  return {
    ...form,
    tabs: [{ ...first, sections: [...first.sections, { name: 'more', label: { en: 'More', tr: 'Diğer' }, columns: 2, fields: extra }] }, ...rest],
  }
}

function formFields(metadata: Metadata, entity: EntityDefinition): string[] {
  const form = (metadata.forms ?? []).find((f) => f.entity === entity.name)
  return form ? form.tabs.flatMap((t) => t.sections.flatMap((s) => s.fields)) : activeFields(entity).map((f) => f.name)
}

/** $expand for the lookups a set of column paths walks through. */
export function expandsFor(metadata: Metadata, entity: EntityDefinition, paths: string[]): string[] {
  const expand = new Set<string>()
  for (const path of paths) {
    const resolved = resolvePath(metadata, entity, path)
    if (!resolved) continue
    if (resolved.via.length > 0) expand.add(resolved.via[0].name)
    else if (resolved.field.type === 'lookup') expand.add(resolved.field.name)
  }
  return [...expand]
}

/** The value at a path in a record read with $expand (company/name → record.company.name). */
export function valueAt(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record
  for (const segment of path.split('/')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

export function primaryText(entity: EntityDefinition | undefined, record: Record<string, unknown> | null | undefined): string {
  if (!record) return ''
  if (entity?.name === 'person' || (record.first_name !== undefined && record.last_name !== undefined))
    return [record.first_name, record.last_name].filter((v) => typeof v === 'string' && v).join(' ')
  const primary = entity?.primaryField ? record[entity.primaryField] : undefined
  return typeof primary === 'string' && primary ? primary : String(record.id ?? '')
}

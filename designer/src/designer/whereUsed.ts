// Where a field is used, computed from the working copy: forms, views, pipelines, automations, templates and
// related lists; each place with the designer page that edits it (when there is one).
import type { DesignDocument } from './types'

export interface Usage {
  kind: 'form' | 'view' | 'pipeline' | 'automation' | 'template' | 'relatedList'
  name: string
  detail: string
  link?: string
}

const mentions = (text: string, field: string) =>
  new RegExp(`(^|[^a-z0-9_])${field}([^a-z0-9_]|$)`).test(text)

/** True when a value (deeply) names the field: "field", "field/…" paths, or "record.field" in template text. */
function deepMentions(value: unknown, field: string): boolean {
  if (typeof value === 'string') return value === field || value.startsWith(`${field}/`) || value.includes(`record.${field}`)
  if (Array.isArray(value)) return value.some((v) => deepMentions(v, field))
  if (value && typeof value === 'object') return Object.values(value).some((v) => deepMentions(v, field))
  return false
}

export function whereUsed(doc: DesignDocument, entity: string, field: string): Usage[] {
  const usages: Usage[] = []
  for (const form of doc.forms ?? []) {
    if (form.entity === entity)
      for (const tab of form.tabs)
        for (const section of tab.sections)
          if (section.fields.includes(field))
            usages.push({ kind: 'form', name: form.name, detail: `${tab.name} › ${section.name}`, link: `/designer/forms/${form.name}` })
    for (const related of form.relatedLists ?? [])
      if (related.entity === entity && related.field === field)
        usages.push({ kind: 'relatedList', name: form.name, detail: related.entity, link: `/designer/forms/${form.name}` })
  }
  const lookupsTo = new Set(doc.entities.flatMap((e) => e.fields.filter((f) => f.type === 'lookup' && f.target === entity).map((f) => `${e.name}:${f.name}`)))
  for (const view of doc.views ?? []) {
    const parts: string[] = []
    if (view.entity === entity) {
      if (view.columns.some((c) => c === field || c.startsWith(`${field}/`))) parts.push('column')
      if (view.sort && mentions(view.sort, field)) parts.push('sort')
      if (view.filter && mentions(view.filter, field)) parts.push('filter')
    }
    if (view.columns.some((c) => { const [first, second] = c.split('/'); return second === field && lookupsTo.has(`${view.entity}:${first}`) }))
      parts.push('column')
    if (parts.length) usages.push({ kind: 'view', name: view.name, detail: [...new Set(parts)].join(', '), link: `/designer/views/${view.name}` })
  }
  for (const pipeline of doc.pipelines ?? []) {
    if (pipeline.entity !== entity) continue
    const parts: string[] = []
    if (pipeline.field === field) parts.push('stage field')
    if (pipeline.amountField === field) parts.push('amount')
    if (pipeline.closeDateField === field) parts.push('close date')
    if (pipeline.selector?.field === field) parts.push('selector')
    for (const stage of pipeline.stages) if (stage.requiredFields?.includes(field)) parts.push(`required in ${stage.name}`)
    if (parts.length) usages.push({ kind: 'pipeline', name: pipeline.name, detail: parts.join(', '), link: `/designer/pipelines/${pipeline.name}` })
  }
  for (const rule of (doc.automations as { name: string; trigger?: { entity?: string } }[] | undefined) ?? [])
    if (rule.trigger?.entity === entity && deepMentions(rule, field))
      usages.push({ kind: 'automation', name: rule.name, detail: 'trigger, condition or action' })
  for (const template of (doc.templates as { name: string; entity?: string }[] | undefined) ?? [])
    if (template.entity === entity && deepMentions(template, field))
      usages.push({ kind: 'template', name: template.name, detail: 'text' })
  return usages
}

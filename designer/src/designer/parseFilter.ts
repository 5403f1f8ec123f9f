// Reads a view's $filter back into filter-builder conditions when it is the builder's own kind of text
// (conditions joined by "and"); anything else stays as text for the key user to edit.
import type { Condition, Operator } from '../lib/filters'

const comparison = /^([a-z][a-z0-9_/]*) (eq|ne|gt|ge|lt|le) (null|true|false|'(?:[^']|'')*'|[0-9.\-T:Z]+)$/
const call = /^(contains|startswith)\(([a-z][a-z0-9_/]*), '((?:[^']|'')*)'\)$/

export function parseFilter(text: string | undefined): Condition[] | null {
  if (!text?.trim()) return []
  const conditions: Condition[] = []
  for (const part of text.trim().split(/ and /)) {
    const c = part.trim().replace(/^\((.*)\)$/, '$1')
    const m = comparison.exec(c)
    if (m) {
      const [, path, op, raw] = m
      if (raw === 'null') conditions.push({ path, operator: op === 'eq' ? 'null' : 'notnull', value: '' })
      else if (raw === 'true' || raw === 'false') conditions.push({ path, operator: (op === 'eq') === (raw === 'true') ? 'true' : 'false', value: '' })
      else conditions.push({ path, operator: op as Operator, value: raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw })
      continue
    }
    const f = call.exec(c)
    if (f) { conditions.push({ path: f[2], operator: f[1] as Operator, value: f[3].replace(/''/g, "'") }); continue }
    return null
  }
  return conditions
}

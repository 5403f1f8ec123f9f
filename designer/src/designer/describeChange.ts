// A change of the server's diff in words: "$.entities[person].fields[loyalty].label" → "person › field loyalty › label".
import type { DocumentChange } from './types'

const kinds: Record<string, { en: string; tr: string }> = {
  entities: { en: 'entity', tr: 'varlık' }, fields: { en: 'field', tr: 'alan' }, forms: { en: 'form', tr: 'form' },
  tabs: { en: 'tab', tr: 'sekme' }, sections: { en: 'section', tr: 'bölüm' }, views: { en: 'view', tr: 'görünüm' },
  pipelines: { en: 'pipeline', tr: 'huni' }, stages: { en: 'stage', tr: 'aşama' }, options: { en: 'option', tr: 'seçenek' },
  automations: { en: 'automation rule', tr: 'otomasyon kuralı' }, templates: { en: 'template', tr: 'şablon' }, roles: { en: 'role', tr: 'rol' },
}

export interface DescribedChange {
  op: DocumentChange['op']
  /** Each step of the path in words. */
  steps: string[]
  from?: string
  to?: string
}

export function describeChange(change: DocumentChange, language: 'tr' | 'en'): DescribedChange {
  const steps: string[] = []
  const tokens = change.path.replace(/^\$/, '').match(/\.[^.[]+|\[[^\]]*\]/g) ?? []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    const next = tokens[i + 1]
    if (token.startsWith('.') && next?.startsWith('[')) {
      const kind = kinds[token.slice(1)]
      steps.push(`${kind ? kind[language] : token.slice(1)} ${next.slice(1, -1)}`)
      i++
    } else steps.push(token.replace(/^\./, '').replace(/^\[(.*)\]$/, '#$1'))
  }
  return { op: change.op, steps, from: short(change.from), to: short(change.to) }
}

function short(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'object' && !Array.isArray(value) && 'name' in value) {
    const v = value as { name: string; label?: Record<string, string> }
    return v.label ? `${v.name} (${Object.values(v.label).join(' / ')})` : v.name
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ')
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 120 ? `${text.slice(0, 117)}…` : text
}

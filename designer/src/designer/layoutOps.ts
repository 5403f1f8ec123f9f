// Pure edits of a form layout, so the drag-and-drop editor and its tests share one meaning of "move".
import type { FormDefinition, FormSection } from '../api/types'

export interface Slot {
  tab: number
  section: number
  /** Position in the section's field list; past the end appends. */
  index: number
}

/** Takes the field off the form wherever it is, then puts it at the slot (a field is on a form once). */
export function moveField(form: FormDefinition, field: string, slot: Slot): FormDefinition {
  let index = slot.index
  const tabs = form.tabs.map((tab, t) => ({
    ...tab,
    sections: tab.sections.map((section, s) => {
      const at = section.fields.indexOf(field)
      if (at < 0) return section
      if (t === slot.tab && s === slot.section && at < index) index -= 1
      return { ...section, fields: section.fields.filter((f) => f !== field) }
    }),
  }))
  const target = tabs[slot.tab].sections[slot.section]
  const fields = [...target.fields]
  fields.splice(Math.min(index, fields.length), 0, field)
  tabs[slot.tab].sections[slot.section] = { ...target, fields }
  return { ...form, tabs }
}

export function removeField(form: FormDefinition, field: string): FormDefinition {
  return { ...form, tabs: form.tabs.map((tab) => ({ ...tab, sections: tab.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => f !== field) })) })) }
}

export function placedFields(form: FormDefinition): Set<string> {
  return new Set(form.tabs.flatMap((t) => t.sections.flatMap((s) => s.fields)))
}

/** A name not yet used among the given ones: section_1, section_2… */
export function freshName(prefix: string, used: string[]): string {
  for (let i = 1; ; i++) if (!used.includes(`${prefix}_${i}`)) return `${prefix}_${i}`
}

export function updateSection(form: FormDefinition, tab: number, section: number, change: Partial<FormSection>): FormDefinition {
  return {
    ...form,
    tabs: form.tabs.map((t, ti) => (ti !== tab ? t : { ...t, sections: t.sections.map((s, si) => (si !== section ? s : { ...s, ...change })) })),
  }
}

import { useRef, useState } from 'react'
import type { FormDefinition, LocalizedText } from '../api/types'
import { useI18n } from '../lib/i18n'
import { errorsUnder, isFocused } from './DesignerContext'
import { fieldTypes } from './catalog'
import { freshName, moveField, placedFields, removeField, updateSection, type Slot } from './layoutOps'
import type { DesignEntity, DocumentError } from './types'
import { useText } from './useText'

interface Props {
  entity: DesignEntity
  form: FormDefinition
  onChange: (form: FormDefinition) => void
  /** The form's JSON path in the document ($.forms[2]), to show errors and a followed error link on their element. */
  path: string
  errors: DocumentError[]
  focus: string | null
}

/**
 * Drag-and-drop form layout: fields from the palette into sections of tabs, reordered by dragging onto another
 * field (lands before it) or onto a section (lands last); dropped back on the palette, a field leaves the form.
 */
export function FormLayoutEditor({ entity, form, onChange, path, errors, focus }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const [tab, setTab] = useState(0)
  const [over, setOver] = useState<string | null>(null)
  // The dragged field lives here rather than in dataTransfer, which is not readable during dragover.
  const dragged = useRef<string | null>(null)
  const current = form.tabs[Math.min(tab, form.tabs.length - 1)]
  const tabIndex = form.tabs.indexOf(current)
  const placed = placedFields(form)
  const palette = entity.fields.filter((f) => !f.retired && !placed.has(f.name))
  const fieldOf = (name: string) => entity.fields.find((f) => f.name === name)
  const typeLabel = (type: string) => { const t = fieldTypes.find((x) => x.type === type); return t ? (i18n.language === 'tr' ? t.tr : t.en) : type }

  const dragStart = (name: string) => (e: React.DragEvent) => {
    dragged.current = name
    e.dataTransfer?.setData('text/plain', name)
  }
  const allowDrop = (zone: string) => (e: React.DragEvent) => { e.preventDefault(); e.stopPropagation(); setOver(zone) }
  const dropAt = (slot: Slot) => (e: React.DragEvent) => {
    e.preventDefault(); e.stopPropagation(); setOver(null)
    const name = dragged.current ?? e.dataTransfer?.getData('text/plain')
    dragged.current = null
    if (name) onChange(moveField(form, name, slot))
  }
  const setLabel = (label: LocalizedText, language: 'tr' | 'en', text: string): LocalizedText => {
    const next = { ...label, [language]: text }
    if (!text) delete next[language]
    return next
  }

  const addTab = () => {
    const name = freshName('tab', form.tabs.map((t) => t.name))
    const sectionName = freshName('section', form.tabs.flatMap((t) => t.sections.map((s) => s.name)))
    onChange({ ...form, tabs: [...form.tabs, { name, label: { tr: 'Yeni sekme', en: 'New tab' }, sections: [{ name: sectionName, label: { tr: 'Yeni bölüm', en: 'New section' }, columns: 2, fields: [] }] }] })
    setTab(form.tabs.length)
  }
  const removeTab = (index: number) => {
    onChange({ ...form, tabs: form.tabs.filter((_, i) => i !== index) })
    setTab(Math.max(0, index - 1))
  }
  const addSection = () => {
    const name = freshName('section', form.tabs.flatMap((t) => t.sections.map((s) => s.name)))
    onChange({ ...form, tabs: form.tabs.map((t, i) => (i !== tabIndex ? t : { ...t, sections: [...t.sections, { name, label: { tr: 'Yeni bölüm', en: 'New section' }, columns: 2, fields: [] }] })) })
  }
  const removeSection = (index: number) =>
    onChange({ ...form, tabs: form.tabs.map((t, i) => (i !== tabIndex ? t : { ...t, sections: t.sections.filter((_, j) => j !== index) })) })

  return (
    <div className="layout-editor" data-testid="layout-editor">
      <aside className={`layout-palette${over === 'palette' ? ' drop-over' : ''}`} data-testid="palette" aria-label={tx('Fields not on the form', 'Formda olmayan alanlar')}
        onDragOver={allowDrop('palette')} onDragLeave={() => setOver(null)}
        onDrop={(e) => { e.preventDefault(); setOver(null); const name = dragged.current; dragged.current = null; if (name) onChange(removeField(form, name)) }}>
        <h4>{tx('Fields', 'Alanlar')}</h4>
        <p className="help">{tx('Drag a field onto a section. Drag it back here to take it off the form.', 'Bir alanı bir bölüme sürükleyin. Formdan çıkarmak için buraya geri sürükleyin.')}</p>
        {palette.length === 0 && <p className="subtle" data-testid="palette-empty">{tx('Every field is on the form.', 'Tüm alanlar formda.')}</p>}
        {palette.map((f) => (
          <div key={f.name} className="field-chip palette-chip" draggable onDragStart={dragStart(f.name)} data-testid={`palette-${f.name}`}>
            <span className="grip" aria-hidden="true">⠿</span>
            <span>{i18n.label(f.label, f.name)}<small>{typeLabel(f.type)}</small></span>
          </div>
        ))}
      </aside>

      <div className="layout-canvas">
        <div className="layout-tabs" role="tablist">
          {form.tabs.map((t, i) => (
            <button key={t.name} type="button" role="tab" aria-selected={i === tabIndex} data-testid={`layout-tab-${t.name}`} onClick={() => setTab(i)}
              className={errorsUnder(errors, `${path}.tabs[${i}]`).length ? 'has-error' : undefined}>
              {i18n.label(t.label, t.name)}
            </button>
          ))}
          <button type="button" className="link" data-testid="layout-add-tab" onClick={addTab}>+ {tx('Tab', 'Sekme')}</button>
        </div>

        {current && (
          <div className="layout-tab-settings">
            <label>{tx('Tab name', 'Sekme adı')} TR
              <input value={current.label?.tr ?? ''} data-testid="tab-label-tr" onChange={(e) => onChange({ ...form, tabs: form.tabs.map((t, i) => (i === tabIndex ? { ...t, label: setLabel(t.label ?? {}, 'tr', e.target.value) } : t)) })} />
            </label>
            <label>EN
              <input value={current.label?.en ?? ''} data-testid="tab-label-en" onChange={(e) => onChange({ ...form, tabs: form.tabs.map((t, i) => (i === tabIndex ? { ...t, label: setLabel(t.label ?? {}, 'en', e.target.value) } : t)) })} />
            </label>
            <span className="spacer" />
            <button type="button" className="link danger-link" disabled={form.tabs.length === 1} data-testid="layout-remove-tab" onClick={() => removeTab(tabIndex)}>
              {tx('Remove tab', 'Sekmeyi kaldır')}
            </button>
          </div>
        )}

        {current?.sections.map((section, s) => {
          const sectionPath = `${path}.tabs[${tabIndex}].sections[${s}]`
          const zone = `section-${s}`
          const sectionErrors = errors.filter((e) => e.path.startsWith(sectionPath) && !e.path.startsWith(`${sectionPath}.fields[`))
          return (
            <section key={section.name} className={`layout-section${over === zone ? ' drop-over' : ''}${isFocused(focus, sectionPath) && !focus?.startsWith(`${sectionPath}.fields[`) ? ' focused' : ''}`}
              data-testid={`layout-section-${section.name}`} onDragOver={allowDrop(zone)} onDragLeave={() => setOver(null)}
              onDrop={dropAt({ tab: tabIndex, section: s, index: section.fields.length })}>
              <div className="layout-section-head">
                <input className="section-title" value={section.label?.[i18n.language] ?? ''} placeholder={tx('Section title', 'Bölüm başlığı')}
                  aria-label={tx('Section title', 'Bölüm başlığı')} data-testid={`section-label-${section.name}`}
                  onChange={(e) => onChange(updateSection(form, tabIndex, s, { label: setLabel(section.label ?? {}, i18n.language, e.target.value) }))} />
                <div className="segmented" role="group" aria-label={tx('Columns', 'Sütunlar')}>
                  {[1, 2, 3].map((n) => (
                    <button key={n} type="button" className={(section.columns ?? 1) === n ? 'on' : undefined} aria-pressed={(section.columns ?? 1) === n}
                      data-testid={`section-columns-${section.name}-${n}`} title={tx(`${n} columns`, `${n} sütun`)}
                      onClick={() => onChange(updateSection(form, tabIndex, s, { columns: n }))}>{n}</button>
                  ))}
                </div>
                <button type="button" className="icon" aria-label={tx('Remove section', 'Bölümü kaldır')} data-testid={`section-remove-${section.name}`} onClick={() => removeSection(s)}>×</button>
              </div>
              {sectionErrors.map((e) => <p key={e.path + e.message} className="field-error" data-testid="element-error">{e.message}</p>)}
              <div className={`layout-grid cols-${Math.min(Math.max(section.columns ?? 1, 1), 3)}`}>
                {section.fields.map((name, k) => {
                  const field = fieldOf(name)
                  const fieldPath = `${sectionPath}.fields[${k}]`
                  const problems = errorsUnder(errors, fieldPath)
                  const chipZone = `${zone}-${k}`
                  return (
                    <div key={name + k} className={`field-chip${over === chipZone ? ' drop-before' : ''}${problems.length ? ' has-error' : ''}${isFocused(focus, fieldPath) ? ' focused' : ''}${field?.retired ? ' retired' : ''}`}
                      draggable onDragStart={dragStart(name)} onDragOver={allowDrop(chipZone)} onDrop={dropAt({ tab: tabIndex, section: s, index: k })}
                      data-testid={`layout-field-${name}`}>
                      <span className="grip" aria-hidden="true">⠿</span>
                      <span>
                        {field ? i18n.label(field.label, name) : name}
                        <small>{field ? (field.retired ? tx('retired: hidden on the page', 'kaldırıldı: sayfada gizli') : typeLabel(field.type)) : tx('not a field', 'alan değil')}</small>
                        {problems.map((p) => <small key={p.message} className="field-error" data-testid="element-error">{p.message}</small>)}
                      </span>
                      <button type="button" className="icon" aria-label={tx(`Take ${name} off the form`, `${name} alanını formdan çıkar`)} data-testid={`layout-remove-${name}`}
                        onClick={() => onChange(removeField(form, name))}>×</button>
                    </div>
                  )
                })}
                {section.fields.length === 0 && <div className="drop-hint">{tx('Drag fields here', 'Alanları buraya sürükleyin')}</div>}
              </div>
            </section>
          )
        })}
        <button type="button" className="add-section" data-testid="layout-add-section" onClick={addSection}>+ {tx('Add section', 'Bölüm ekle')}</button>
      </div>
    </div>
  )
}

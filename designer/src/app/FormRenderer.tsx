import { useState } from 'react'
import type { EntityDefinition, FormDefinition, Metadata } from '../api/types'
import { useI18n } from '../lib/i18n'
import { findField } from '../lib/model'
import { FieldEditor } from './FieldEditor'

interface Props {
  metadata: Metadata
  entity: EntityDefinition
  form: FormDefinition
  values: Record<string, unknown>
  errors: Record<string, string>
  users: Map<string, string>
  onChange: (field: string, value: unknown) => void
}

/** Renders a form layout: tabs of titled sections, each in one to three columns, one labelled editor per field. */
export function FormRenderer({ metadata, entity, form, values, errors, users, onChange }: Props) {
  const i18n = useI18n()
  const tabs = form.tabs.filter((tab) => tab.sections.some((s) => s.fields.some((f) => findField(entity, f))))
  const [active, setActive] = useState(0)
  // A tab holding an error is where the user must look; show it.
  const withError = tabs.findIndex((tab) => tab.sections.some((s) => s.fields.some((f) => errors[f])))
  const current = tabs[withError >= 0 && !tabs[active]?.sections.some((s) => s.fields.some((f) => errors[f])) ? withError : active] ?? tabs[0]

  return (
    <div className="form" data-testid="record-form">
      {tabs.length > 1 && (
        <div className="tabs" role="tablist">
          {tabs.map((tab, i) => (
            <button
              key={tab.name}
              type="button"
              role="tab"
              id={`tab-${tab.name}`}
              aria-selected={tab === current}
              data-testid={`tab-${tab.name}`}
              tabIndex={tab === current ? 0 : -1}
              onClick={() => setActive(i)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight') setActive((i + 1) % tabs.length)
                if (e.key === 'ArrowLeft') setActive((i - 1 + tabs.length) % tabs.length)
              }}
            >
              {i18n.label(tab.label, tab.name)}
            </button>
          ))}
        </div>
      )}
      {current && (
        <div role={tabs.length > 1 ? 'tabpanel' : undefined} aria-labelledby={tabs.length > 1 ? `tab-${current.name}` : undefined}>
          {current.sections.map((section) => {
            const fields = section.fields.map((name) => findField(entity, name)).filter((f) => f !== undefined)
            if (fields.length === 0) return null
            return (
              <section key={section.name} className="form-section" data-testid={`section-${section.name}`}>
                {section.label && <h3>{i18n.label(section.label)}</h3>}
                <div className={`grid cols-${Math.min(Math.max(section.columns ?? 1, 1), 3)}`}>
                  {fields.map((field) => {
                    const id = `f-${field.name}`
                    const error = errors[field.name]
                    return (
                      <div key={field.name} className={`form-field type-${field.type}${error ? ' has-error' : ''}`}>
                        <label htmlFor={id} id={`${id}-label`}>
                          {i18n.label(field.label, field.name)}
                          {field.required && <span className="req" aria-hidden="true"> *</span>}
                        </label>
                        <FieldEditor id={id} field={field} value={values[field.name]} invalid={Boolean(error)}
                          metadata={metadata} users={users} onChange={(value) => onChange(field.name, value)} />
                        {error
                          ? <p className="field-error" role="alert" data-testid={`error-${field.name}`}>{error}</p>
                          : field.helpText && <p className="help">{i18n.label(field.helpText)}</p>}
                      </div>
                    )
                  })}
                </div>
              </section>
            )
          })}
        </div>
      )}
    </div>
  )
}

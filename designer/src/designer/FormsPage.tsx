import { useState } from 'react'
import type { FormDefinition } from '../api/types'
import { FormRenderer } from '../app/FormRenderer'
import { Empty } from '../app/States'
import { useApp } from '../app/AppContext'
import { useI18n } from '../lib/i18n'
import type { Metadata } from '../api/types'
import { errorsUnder, useDesigner } from './DesignerContext'
import { FormLayoutEditor } from './FormLayoutEditor'
import { LocalizedInput } from './LocalizedInput'
import { RelatedListsEditor } from './RelatedListsEditor'
import { sampleValues } from './sampleValues'
import { useText } from './useText'

/** Record page layouts: one per entity, laid out by drag and drop beside a live preview with sample data. */
export function FormsPage({ rest }: { rest: string[] }) {
  const { document, update, errors, focus, go } = useDesigner()
  const { users } = useApp()
  const i18n = useI18n()
  const tx = useText()
  const forms = document.forms ?? []
  const index = forms.findIndex((f) => f.name === rest[0])
  const [preview, setPreview] = useState<Record<string, unknown> | null>(null)

  if (rest[0] && index < 0) return <Empty text={tx(`There is no form named ${rest[0]}.`, `${rest[0]} adında bir form yok.`)} />

  if (index < 0) {
    const without = document.entities.filter((e) => !e.retired && !forms.some((f) => f.entity === e.name))
    const create = (entity: string) => {
      const e = document.entities.find((x) => x.name === entity)!
      const form: FormDefinition = {
        name: `${entity}_main`, entity, label: { tr: `${e.label?.tr ?? entity} formu`, en: `${e.label?.en ?? entity} form` },
        tabs: [{ name: 'general', label: { tr: 'Genel', en: 'General' }, sections: [{ name: 'main', label: { tr: 'Bilgiler', en: 'Details' }, columns: 2, fields: e.fields.filter((f) => !f.retired).map((f) => f.name) }] }],
      }
      update((doc) => { doc.forms = [...(doc.forms ?? []), form] })
      go(`/designer/forms/${form.name}`)
    }
    return (
      <div className="page" data-testid="designer-forms">
        <div className="page-head">
          <div>
            <h2>{tx('Form layouts', 'Form düzenleri')}</h2>
            <p className="subtle">{tx('How a record page is laid out: tabs, sections and columns. Open one to arrange its fields.', 'Kayıt sayfasının düzeni: sekmeler, bölümler ve sütunlar. Alanlarını düzenlemek için birini açın.')}</p>
          </div>
        </div>
        <div className="card table-card">
          <table className="records">
            <thead><tr><th>{tx('Form', 'Form')}</th><th>{tx('Entity', 'Varlık')}</th><th>{tx('Tabs', 'Sekmeler')}</th><th>{tx('Fields', 'Alanlar')}</th></tr></thead>
            <tbody>
              {forms.map((f, i) => {
                const entity = document.entities.find((e) => e.name === f.entity)
                const problems = errorsUnder(errors, `$.forms[${i}]`).length
                return (
                  <tr key={f.name} data-testid={`designer-form-${f.name}`} onClick={() => go(`/designer/forms/${f.name}`)} className={problems ? 'has-error' : undefined}>
                    <td><a href={`/designer/forms/${f.name}`} onClick={(e) => e.preventDefault()}>{i18n.label(f.label, f.name)}</a>{problems > 0 && <span className="badge error">{problems}</span>}</td>
                    <td>{i18n.label(entity?.label, f.entity)}</td>
                    <td>{f.tabs.length}</td>
                    <td>{f.tabs.reduce((n, t) => n + t.sections.reduce((m, s) => m + s.fields.length, 0), 0)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        {without.length > 0 && (
          <div className="card">
            <h3>{tx('Entities without a designed form', 'Tasarlanmış formu olmayan varlıklar')}</h3>
            <p className="subtle">{tx('They show every field in one section. Design a form to arrange them.', 'Tüm alanları tek bölümde gösterirler. Düzenlemek için bir form tasarlayın.')}</p>
            <div className="toolbar">
              {without.map((e) => <button key={e.name} type="button" data-testid={`form-create-${e.name}`} onClick={() => create(e.name)}>+ {i18n.label(e.label, e.name)}</button>)}
            </div>
          </div>
        )}
      </div>
    )
  }

  const form = forms[index]
  const entity = document.entities.find((e) => e.name === form.entity)
  if (!entity) return <Empty text={tx(`The form's entity ${form.entity} does not exist.`, `Formun varlığı ${form.entity} yok.`)} />
  const values = preview ?? sampleValues(entity.fields, i18n.language)
  const path = `$.forms[${index}]`
  const formErrors = errors.filter((e) => e.path === `${path}.entity` || e.path === `${path}.name`)

  return (
    <div className="page" data-testid="form-designer">
      <div className="page-head">
        <div>
          <a className="crumb" href="/designer/forms" onClick={(e) => { e.preventDefault(); go('/designer/forms') }}>← {tx('All forms', 'Tüm formlar')}</a>
          <h2>{i18n.label(form.label, form.name)} <small className="subtle mono">{form.name}</small></h2>
        </div>
        <div className="form-label-edit">
          <LocalizedInput label={tx('Form name', 'Form adı')} value={form.label} testId="form-label"
            onChange={(label) => update((doc) => { doc.forms![index].label = label })} />
        </div>
      </div>
      {formErrors.map((e) => <p key={e.path} className="alert error" data-testid="element-error">{e.message}</p>)}
      <FormLayoutEditor entity={entity} form={form} path={path} errors={errors} focus={focus}
        onChange={(next) => update((doc) => { doc.forms![index] = next })} />
      <RelatedListsEditor entity={entity} entities={document.entities} form={form} path={path} errors={errors} focus={focus}
        onChange={(next) => update((doc) => { doc.forms![index] = next })} />
      <section className="card preview-card" data-testid="form-preview">
        <div className="card-head">
          <h3>{tx('Live preview', 'Canlı önizleme')} <span className="subtle small">{tx('with sample data; try typing', 'örnek verilerle; yazmayı deneyin')}</span></h3>
        </div>
        <FormRenderer metadata={document as unknown as Metadata} entity={entity} form={form} values={values} errors={{}} users={users}
          onChange={(name, value) => setPreview({ ...values, [name]: value })} />
      </section>
    </div>
  )
}

import { useCallback, useState } from 'react'
import type { ProblemEntry } from '../../api/client'
import type { LocalizedText } from '../../api/types'
import { useI18n } from '../../lib/i18n'
import { CodeArea } from '../automation/CodeArea'
import { errorsUnder, useDesigner } from '../DesignerContext'
import { LocalizedInput } from '../LocalizedInput'
import { useText } from '../useText'
import { TemplatePreview } from './TemplatePreview'
import { channels, type Channel, type Template } from './templateTypes'

type Part = 'subject' | 'html' | 'text'

/** One template: channel, purpose, entity and its parts per language, beside a live preview from the server. */
export function TemplateEditor({ index }: { index: number }) {
  const { document, update, errors, go } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const template = (document.templates as Template[])[index]
  const settings = document.settings as { languages?: string[]; defaultLanguage?: string; consent?: { purposes?: string[] } } | undefined
  const languages = settings?.languages?.length ? settings.languages : ['tr', 'en']
  const [language, setLanguage] = useState(languages.includes(i18n.language) ? i18n.language : languages[0])
  const [previewErrors, setPreviewErrors] = useState<ProblemEntry[]>([])
  const onErrors = useCallback((list: ProblemEntry[]) => setPreviewErrors(list), [])
  const set = (next: Template) => update((doc) => { (doc.templates as Template[])[index] = next })
  const setPart = (part: Part, value: string) => {
    const text: LocalizedText = { ...(template[part] ?? {}), [language]: value }
    if (!value) delete text[language]
    const next = { ...template, [part]: text }
    if (Object.keys(text).length === 0) delete next[part]
    set(next)
  }
  const kind = channels.find((c) => c.channel === template.channel) ?? channels[0]
  const purposes = ['transactional', ...(settings?.consent?.purposes ?? ['marketing'])]
  const entity = document.entities.find((e) => e.name === template.entity)
  const publishErrors = errorsUnder(errors, `$.templates[${index}]`)
  const problemsOf = (part: Part) => {
    const here = (p: { path?: string | null }) => p.path === `$.template.${part}.${language}` || p.path === `$.template.${part}`
    return previewErrors.filter(here).map((p) => {
      const entry = p as ProblemEntry & { line?: number; column?: number }
      return { line: entry.line ?? 0, column: entry.column, message: p.message }
    })
  }
  const partLabel: Record<Part, string> = { subject: template.channel === 'email' ? tx('Subject', 'Konu') : tx('Title', 'Başlık'), html: tx('HTML body', 'HTML gövde'), text: template.channel === 'email' ? tx('Plain-text body', 'Düz metin gövde') : tx('Text', 'Metin') }
  return (
    <div className="page" data-testid="template-editor">
      <div className="page-head">
        <div>
          <a className="crumb" href="/designer/templates" onClick={(e) => { e.preventDefault(); go('/designer/templates') }}>← {tx('All templates', 'Tüm şablonlar')}</a>
          <h2>{i18n.label(template.label, template.name)} <small className="subtle mono">{template.name}</small></h2>
        </div>
      </div>
      {publishErrors.length > 0 && <div className="alert error" role="alert"><ul className="error-list">{publishErrors.map((p) => <li key={p.path + p.message}><span className="mono">{p.path}</span> {p.message}</li>)}</ul></div>}
      <div className="rule-layout">
        <div className="stack">
          <section className="card stack">
            <LocalizedInput label={tx('Template name', 'Şablon adı')} value={template.label} testId="template-label" onChange={(label) => set({ ...template, label })} />
            <div className="pair">
              <label className="field-row">{tx('Channel', 'Kanal')}
                <select value={template.channel} data-testid="template-channel" onChange={(e) => set({ ...template, channel: e.target.value as Channel })}>
                  {channels.map((c) => <option key={c.channel} value={c.channel}>{tx(c.en, c.tr)}</option>)}
                </select>
              </label>
              <label className="field-row">{tx('Purpose (consent)', 'Amaç (izin)')}
                <select value={template.purpose ?? ''} data-testid="template-purpose" onChange={(e) => { const next: Template = { ...template, purpose: e.target.value }; if (!e.target.value) delete next.purpose; set(next) }}>
                  <option value="">{tx('marketing (default)', 'pazarlama (varsayılan)')}</option>
                  {purposes.map((p) => <option key={p} value={p}>{p === 'transactional' ? tx('transactional — needs no consent', 'işlemsel — izin gerekmez') : p}</option>)}
                </select>
              </label>
              <label className="field-row">{tx('About records of', 'Hangi kayıtlar hakkında')}
                <select value={template.entity ?? ''} data-testid="template-entity" onChange={(e) => { const next: Template = { ...template, entity: e.target.value }; if (!e.target.value) delete next.entity; set(next) }}>
                  <option value="">{tx('no record', 'kayıt yok')}</option>
                  {document.entities.filter((x) => !x.retired).map((x) => <option key={x.name} value={x.name}>{i18n.label(x.label, x.name)}</option>)}
                </select>
              </label>
            </div>
          </section>
          <section className="card stack">
            <div className="layout-tabs" role="tablist" aria-label={tx('Language', 'Dil')}>
              {languages.map((l) => (
                <button key={l} type="button" role="tab" aria-selected={l === language} data-testid={`template-lang-${l}`} onClick={() => setLanguage(l)}>
                  {l.toUpperCase()}{kind.parts.some((p) => !template[p]?.[l]) && <span className="missing-dot" title={tx('Parts missing in this language', 'Bu dilde eksik bölümler')} />}
                </button>
              ))}
            </div>
            {kind.parts.map((part) => {
              const problems = problemsOf(part)
              return (
                <div key={part} className="field-row">
                  <span>{partLabel[part]}</span>
                  {part === 'subject'
                    ? <input value={template.subject?.[language] ?? ''} data-testid="template-subject" aria-invalid={problems.length > 0} onChange={(e) => setPart('subject', e.target.value)} />
                    : <CodeArea value={template[part]?.[language] ?? ''} onChange={(v) => setPart(part, v)} problems={problems} testId={`template-${part}`} label={partLabel[part]} rows={part === 'html' ? 10 : 5} />}
                  {problems.map((p, i) => <p key={i} className="field-error" data-testid={`template-${part}-error`}>{p.message}</p>)}
                </div>
              )
            })}
            <p className="help">{tx('Use {{ record.first_name }}, {{ record.company.name }}, {{ user.name }}, {{ now | date.to_string "%d.%m.%Y" }}.', '{{ record.first_name }}, {{ record.company.name }}, {{ user.name }}, {{ now | date.to_string "%d.%m.%Y" }} kullanabilirsiniz.')}</p>
          </section>
        </div>
        <TemplatePreview template={template} entity={entity as never} language={language} onErrors={onErrors} />
      </div>
    </div>
  )
}

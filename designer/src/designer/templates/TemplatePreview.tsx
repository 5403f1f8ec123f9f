import { useEffect, useState } from 'react'
import { apiFetch, ProblemError, type ProblemEntry } from '../../api/client'
import type { EntityDefinition } from '../../api/types'
import { LookupInput } from '../../app/LookupInput'
import { useText } from '../useText'
import type { RenderedMessage, Template } from './templateTypes'

interface Props {
  template: Template
  entity: EntityDefinition | undefined
  language: string
  /** The server's errors for the unsaved template, by path ($.template.html.tr); shown at their line by the editor. */
  onErrors: (errors: ProblemEntry[]) => void
}

/** The unsaved template rendered by the server against a chosen record, as it would be sent, refreshed as the key user types. */
export function TemplatePreview({ template, entity, language, onErrors }: Props) {
  const tx = useText()
  const [recordId, setRecordId] = useState<string | null>(null)
  const [rendered, setRendered] = useState<RenderedMessage | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const body = JSON.stringify({ template, recordId, language })
  useEffect(() => {
    let live = true
    const timer = window.setTimeout(() => {
      apiFetch<RenderedMessage>('/api/templates/preview', { method: 'POST', body: JSON.parse(body) })
        .then((r) => { if (!live) return; setRendered(r); setFailure(null); onErrors([]) })
        .catch((e) => {
          if (!live) return
          setRendered(null)
          if (e instanceof ProblemError) { setFailure(e.message); onErrors(e.problem.errors) } else setFailure(String(e))
        })
    }, 400)
    return () => { live = false; window.clearTimeout(timer) }
  }, [body, onErrors])
  return (
    <section className="card stack template-preview" data-testid="template-preview">
      <h3>{tx('Live preview', 'Canlı önizleme')}</h3>
      {entity ? (
        <label className="field-row">{tx(`Render with a ${entity.label?.en ?? entity.name}`, `Şu kayıtla göster: ${entity.label?.tr ?? entity.name}`)}
          <LookupInput id="template-preview-record" field={{ name: 'preview_record', type: 'lookup', target: entity.name }} target={entity} value={recordId} invalid={false} onChange={setRecordId} />
        </label>
      ) : <p className="help">{tx('This template is not about a record.', 'Bu şablon bir kayıtla ilgili değil.')}</p>}
      {entity && !recordId && <p className="help">{tx('Pick a record to fill {{ record.… }} with real values.', '{{ record.… }} alanlarını gerçek değerlerle doldurmak için bir kayıt seçin.')}</p>}
      {failure && <div className="alert error small" role="alert" data-testid="template-preview-error">{failure}</div>}
      {rendered && (
        <div className={`message-preview channel-${rendered.channel}`} data-testid="template-preview-output">
          {rendered.subject !== undefined && <div className="preview-subject"><span className="subtle">{tx('Subject', 'Konu')}</span> <strong data-testid="template-preview-subject">{rendered.subject}</strong></div>}
          {rendered.html !== undefined && <iframe title={tx('HTML body', 'HTML gövde')} sandbox="" srcDoc={rendered.html} className="preview-html" />}
          {rendered.text !== undefined && <pre className="preview-text" data-testid="template-preview-text">{rendered.text}</pre>}
        </div>
      )}
    </section>
  )
}

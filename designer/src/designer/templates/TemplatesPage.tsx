import { useState } from 'react'
import { Empty } from '../../app/States'
import { useI18n } from '../../lib/i18n'
import { apiName } from '../catalog'
import { errorsUnder, useDesigner } from '../DesignerContext'
import { useText } from '../useText'
import { TemplateEditor } from './TemplateEditor'
import { channels, type Template } from './templateTypes'
import './templates.css'

/** Message templates of the working copy; /designer/templates/<name> edits one with a live preview. */
export function TemplatesPage({ rest }: { rest: string[] }) {
  const { document, update, errors, go } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const [newLabel, setNewLabel] = useState('')
  const templates = (document.templates as Template[] | undefined) ?? []
  const index = templates.findIndex((t) => t.name === rest[0])
  if (rest[0] && index < 0) return <Empty text={tx(`There is no template named ${rest[0]}.`, `${rest[0]} adında bir şablon yok.`)} />
  if (index >= 0) return <TemplateEditor index={index} />
  const add = () => {
    const base = apiName(newLabel) || 'template'
    let name = base
    for (let n = 2; templates.some((t) => t.name === name); n++) name = `${base}_${n}`
    update((doc) => { doc.templates = [...((doc.templates as Template[] | undefined) ?? []), { name, channel: 'email', entity: 'person', label: { [i18n.language]: newLabel.trim() || name }, subject: { [i18n.language]: '' }, text: { [i18n.language]: '' } }] })
    go(`/designer/templates/${name}`)
  }
  return (
    <div className="page" data-testid="designer-templates">
      <div className="page-head">
        <div>
          <h2>{tx('Message templates', 'Mesaj şablonları')}</h2>
          <p className="subtle">{tx('E-mails, SMS and notifications that rules and workflows send, in every language.', 'Kuralların ve iş akışlarının gönderdiği e-posta, SMS ve bildirimler, her dilde.')}</p>
        </div>
      </div>
      <form className="inline-add rule-add" onSubmit={(e) => { e.preventDefault(); add() }}>
        <label>{tx('New template', 'Yeni şablon')}<input value={newLabel} data-testid="template-new-label" onChange={(e) => setNewLabel(e.target.value)} placeholder={tx('e.g. Welcome e-mail', 'ör. Hoş geldin e-postası')} /></label>
        <button type="submit" className="primary" data-testid="template-new-submit">{tx('Create template', 'Şablon oluştur')}</button>
      </form>
      {templates.length === 0 ? <Empty text={tx('No templates yet.', 'Henüz şablon yok.')} /> : (
        <table className="table card" data-testid="template-list">
          <thead><tr><th>{tx('Template', 'Şablon')}</th><th>{tx('Channel', 'Kanal')}</th><th>{tx('Purpose', 'Amaç')}</th><th>{tx('About', 'Hakkında')}</th><th>{tx('Languages', 'Diller')}</th></tr></thead>
          <tbody>
            {templates.map((t, i) => {
              const c = channels.find((x) => x.channel === t.channel)
              const e = document.entities.find((x) => x.name === t.entity)
              const problems = errorsUnder(errors, `$.templates[${i}]`).length
              return (
                <tr key={t.name} data-testid={`template-row-${t.name}`} className={problems ? 'has-error' : undefined} onClick={() => go(`/designer/templates/${t.name}`)}>
                  <td><strong>{i18n.label(t.label, t.name)}</strong><br /><small className="mono subtle">{t.name}</small></td>
                  <td><span className={`channel-badge ${t.channel}`}>{c ? tx(c.en, c.tr) : t.channel}</span></td>
                  <td>{t.purpose === 'transactional' ? tx('transactional', 'işlemsel') : t.purpose ?? tx('marketing', 'pazarlama')}</td>
                  <td>{e ? i18n.label(e.label, e.name) : '—'}</td>
                  <td>{Object.keys({ ...(t.subject ?? {}), ...(t.text ?? {}), ...(t.html ?? {}) }).map((l) => l.toUpperCase()).join(' · ')}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}

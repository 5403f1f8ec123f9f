import { useApp } from '../../app/AppContext'
import type { Metadata } from '../../api/types'
import { useI18n } from '../../lib/i18n'
import type { DesignDocument } from '../types'
import { useText } from '../useText'
import { ActionList } from './ActionList'
import type { Action } from './automationTypes'
import { ConditionBuilder } from './ConditionBuilder'
import { ValuesEditor } from './ValuesEditor'

interface Props {
  document: DesignDocument
  entity: string | undefined
  action: Action
  onChange: (action: Action) => void
  testId: string
  depth: number
}

interface TemplateRef { name: string; label?: Record<string, string>; channel?: string; entity?: string }

/** The settings one action takes, by its type. */
export function ActionEditor({ document, entity, action, onChange, testId, depth }: Props) {
  const { users } = useApp()
  const i18n = useI18n()
  const tx = useText()
  const entityDef = (name: string | undefined) => document.entities.find((e) => e.name === name)
  const set = (change: Partial<Action>) => {
    const next: Action = { ...action, ...change }
    for (const [k, v] of Object.entries(change)) if (v === undefined || v === '') delete next[k]
    onChange(next)
  }
  const templates = (document.templates as TemplateRef[] | undefined) ?? []
  switch (action.type) {
    case 'createRecord':
      return (
        <div className="stack">
          <label className="field-row">{tx('New record of', 'Yeni kayıt türü')}
            <select value={action.entity ?? ''} data-testid={`${testId}-entity`} onChange={(e) => set({ entity: e.target.value, values: {} })}>
              {document.entities.filter((e) => !e.retired).map((e) => <option key={e.name} value={e.name}>{i18n.label(e.label, e.name)}</option>)}
            </select>
          </label>
          <ValuesEditor entity={entityDef(action.entity)} values={action.values ?? {}} onChange={(values) => set({ values })} testId={`${testId}-values`} />
          <p className="help">{tx('It belongs to the owner of the record that fired the rule and is linked to it.', 'Kuralı tetikleyen kaydın sahibine ait olur ve o kayda bağlanır.')}</p>
        </div>
      )
    case 'updateRecord':
      return <ValuesEditor entity={entityDef(entity)} values={action.values ?? {}} onChange={(values) => set({ values })} testId={`${testId}-values`} />
    case 'assignOwner': {
      const chosen = action.users ?? (action.user ? [action.user] : [])
      return (
        <div className="stack">
          <div className="chips" data-testid={`${testId}-users`}>
            {[...users].map(([id, name]) => {
              const on = chosen.includes(id)
              return <button key={id} type="button" className={`chip${on ? ' on' : ''}`} aria-pressed={on}
                onClick={() => { const next = on ? chosen.filter((u) => u !== id) : [...chosen, id]; onChange({ ...withoutKeys(action, ['user', 'users']), ...(next.length === 1 ? { user: next[0] } : { users: next }) }) }}>{name}</button>
            })}
          </div>
          <p className="help">{tx('Several users: the records are shared out in turn (round-robin).', 'Birden çok kullanıcı: kayıtlar sırayla dağıtılır.')}</p>
        </div>
      )
    }
    case 'sendMessage':
      return (
        <div className="pair">
          <label className="field-row">{tx('Template', 'Şablon')}
            <select value={action.template ?? ''} data-testid={`${testId}-template`} onChange={(e) => set({ template: e.target.value })}>
              <option value="">—</option>
              {templates.map((t) => <option key={t.name} value={t.name}>{i18n.label(t.label, t.name)} ({t.channel})</option>)}
            </select>
          </label>
          <label className="field-row">{tx('To (optional)', 'Alıcı (isteğe bağlı)')}
            <input value={action.to ?? ''} placeholder={tx('the record’s e-mail or phone', 'kaydın e-postası veya telefonu')} onChange={(e) => set({ to: e.target.value })} />
          </label>
        </div>
      )
    case 'webhook':
      return (
        <div className="pair">
          <label className="field-row">URL<input value={action.url ?? ''} data-testid={`${testId}-url`} onChange={(e) => set({ url: e.target.value })} /></label>
          <label className="field-row">{tx('Timeout (seconds, at most 30)', 'Zaman aşımı (saniye, en çok 30)')}
            <input type="number" min={1} max={30} value={action.timeoutSeconds ?? 10} onChange={(e) => set({ timeoutSeconds: Number(e.target.value) })} />
          </label>
        </div>
      )
    case 'wait':
      return (
        <div className="pair">
          {(['days', 'hours', 'minutes'] as const).map((k) => (
            <label key={k} className="field-row">{{ days: tx('Days', 'Gün'), hours: tx('Hours', 'Saat'), minutes: tx('Minutes', 'Dakika') }[k]}
              <input type="number" min={0} value={action[k] ?? ''} onChange={(e) => set({ [k]: e.target.value === '' ? undefined : Number(e.target.value) })} />
            </label>
          ))}
        </div>
      )
    case 'branch':
      return (
        <div className="stack branch">
          <ConditionBuilder document={document as unknown as Metadata} entity={entityDef(entity) as never} value={action.condition}
            onChange={(condition) => set({ condition })} testId={`${testId}-condition`} caption={tx('If', 'Eğer')} />
          <div className="branch-arms">
            <div><h5>{tx('Then', 'Öyleyse')}</h5><ActionList document={document} entity={entity} actions={action.then ?? []} depth={depth + 1} testId={`${testId}-then`} onChange={(then) => onChange({ ...action, then })} /></div>
            <div><h5>{tx('Else', 'Değilse')}</h5><ActionList document={document} entity={entity} actions={action.else ?? []} depth={depth + 1} testId={`${testId}-else`} onChange={(otherwise) => onChange({ ...action, else: otherwise })} /></div>
          </div>
        </div>
      )
    default:
      return <p className="subtle small">{tx('This action is kept as it is.', 'Bu eylem olduğu gibi korunur.')}</p>
  }
}

function withoutKeys(action: Action, keys: string[]): Action {
  const next = { ...action }
  for (const k of keys) delete next[k]
  return next
}

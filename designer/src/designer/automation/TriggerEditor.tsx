import { useI18n } from '../../lib/i18n'
import type { DesignDocument } from '../types'
import { useText } from '../useText'
import { eventTypes, triggerTypes, type Trigger, type TriggerType } from './automationTypes'

interface Props {
  document: DesignDocument
  trigger: Trigger
  onChange: (trigger: Trigger) => void
}

/** When the rule fires: the kind of trigger, then only the settings that kind takes. */
export function TriggerEditor({ document, trigger, onChange }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const entity = document.entities.find((e) => e.name === trigger.entity)
  const fields = (entity?.fields ?? []).filter((f) => !f.retired)
  const pipelines = (document.pipelines ?? []).filter((p) => !trigger.entity || p.entity === trigger.entity)
  const pipeline = pipelines.find((p) => p.name === trigger.pipeline)
  const set = (change: Partial<Trigger>) => {
    const next: Trigger = { ...trigger, ...change }
    for (const [k, v] of Object.entries(change)) if (v === undefined || v === '') delete next[k]
    onChange(next)
  }
  const pickType = (type: TriggerType) => {
    // Settings of the former kind would be refused at publish; keep only what the new kind reads.
    const keep: Trigger = { type }
    if (type !== 'schedule' && trigger.entity) keep.entity = trigger.entity
    if (type === 'schedule') { keep.cron = '0 0 9 ? * MON-FRI'; keep.timeZone = 'Europe/Istanbul' }
    if (type === 'dateRelative') { keep.offsetDays = 0; keep.at = '09:00'; keep.timeZone = 'Europe/Istanbul' }
    onChange(keep)
  }
  const isStage = trigger.type === 'stageEntered' || trigger.type === 'stageLeft'
  return (
    <div className="trigger-editor stack" data-testid="trigger-editor">
      <label className="field-row">{tx('When', 'Ne zaman')}
        <select value={trigger.type} data-testid="trigger-type" onChange={(e) => pickType(e.target.value as TriggerType)}>
          {triggerTypes.map((t) => <option key={t.type} value={t.type}>{i18n.language === 'tr' ? t.tr : t.en}</option>)}
        </select>
      </label>
      {trigger.type !== 'schedule' && (
        <label className="field-row">{tx('Records of', 'Hangi kayıtlar')}
          <select value={trigger.entity ?? ''} data-testid="trigger-entity" onChange={(e) => set({ entity: e.target.value, field: undefined, pipeline: undefined, stage: undefined })}>
            <option value="">—</option>
            {document.entities.filter((e) => !e.retired).map((e) => <option key={e.name} value={e.name}>{i18n.label(e.label, e.name)}</option>)}
          </select>
        </label>
      )}
      {(trigger.type === 'fieldChanged' || trigger.type === 'dateRelative') && (
        <label className="field-row">{tx('Field', 'Alan')}
          <select value={trigger.field ?? ''} data-testid="trigger-field" onChange={(e) => set({ field: e.target.value, from: undefined, to: undefined })}>
            <option value="">—</option>
            {fields.filter((f) => trigger.type !== 'dateRelative' || f.type === 'date' || f.type === 'datetime')
              .map((f) => <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
          </select>
        </label>
      )}
      {trigger.type === 'fieldChanged' && (
        <div className="pair">
          {(['from', 'to'] as const).map((k) => {
            const field = fields.find((f) => f.name === trigger.field)
            const v = trigger[k] === undefined || trigger[k] === null ? '' : String(trigger[k])
            return (
              <label key={k} className="field-row">{k === 'from' ? tx('From (optional)', 'Şundan (isteğe bağlı)') : tx('To (optional)', 'Şuna (isteğe bağlı)')}
                {field?.options?.length
                  ? <select value={v} data-testid={`trigger-${k}`} onChange={(e) => set({ [k]: e.target.value || undefined })}>
                      <option value="">{tx('any value', 'herhangi bir değer')}</option>
                      {field.options.map((o) => <option key={o.value} value={o.value}>{i18n.label(o.label, o.value)}</option>)}
                    </select>
                  : <input value={v} data-testid={`trigger-${k}`} placeholder={tx('any value', 'herhangi bir değer')} onChange={(e) => set({ [k]: e.target.value || undefined })} />}
              </label>
            )
          })}
        </div>
      )}
      {isStage && (
        <div className="pair">
          <label className="field-row">{tx('Pipeline', 'Huni')}
            <select value={trigger.pipeline ?? ''} data-testid="trigger-pipeline" onChange={(e) => set({ pipeline: e.target.value, stage: undefined })}>
              <option value="">—</option>
              {pipelines.map((p) => <option key={p.name} value={p.name}>{i18n.label(p.label, p.name)}</option>)}
            </select>
          </label>
          <label className="field-row">{tx('Stage', 'Aşama')}
            <select value={trigger.stage ?? ''} data-testid="trigger-stage" onChange={(e) => set({ stage: e.target.value })}>
              <option value="">—</option>
              {(pipeline?.stages ?? []).map((s) => <option key={s.name} value={s.name}>{i18n.label(s.label, s.name)}</option>)}
            </select>
          </label>
        </div>
      )}
      {trigger.type === 'event' && (
        <label className="field-row">{tx('Event type', 'Olay türü')}
          <input list="event-types" value={trigger.eventType ?? ''} data-testid="trigger-event-type" onChange={(e) => set({ eventType: e.target.value })} />
          <datalist id="event-types">{eventTypes.map((t) => <option key={t} value={t} />)}</datalist>
        </label>
      )}
      {trigger.type === 'schedule' && (
        <label className="field-row">{tx('Cron (seconds first)', 'Cron (önce saniye)')}
          <input className="mono" value={trigger.cron ?? ''} data-testid="trigger-cron" onChange={(e) => set({ cron: e.target.value })} />
          <small className="help">{tx('0 0 9 ? * MON-FRI = weekdays at 09:00', '0 0 9 ? * MON-FRI = hafta içi 09:00')}</small>
        </label>
      )}
      {trigger.type === 'dateRelative' && (
        <div className="pair">
          <label className="field-row">{tx('Days (negative = before)', 'Gün (eksi = önce)')}
            <input type="number" value={trigger.offsetDays ?? 0} data-testid="trigger-offset" onChange={(e) => set({ offsetDays: Number(e.target.value) })} />
          </label>
          <label className="field-row">{tx('At', 'Saat')}
            <input type="time" value={trigger.at ?? ''} onChange={(e) => set({ at: e.target.value })} />
          </label>
          <label className="check-row"><input type="checkbox" checked={trigger.yearly === true} onChange={(e) => set({ yearly: e.target.checked || undefined })} />{tx('Every year', 'Her yıl')}</label>
        </div>
      )}
      {(trigger.type === 'schedule' || trigger.type === 'dateRelative') && (
        <label className="field-row">{tx('Time zone', 'Saat dilimi')}
          <input value={trigger.timeZone ?? ''} placeholder="Europe/Istanbul" onChange={(e) => set({ timeZone: e.target.value })} />
        </label>
      )}
    </div>
  )
}

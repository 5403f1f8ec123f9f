import { useRef, useState } from 'react'
import { useI18n } from '../lib/i18n'
import { errorsUnder, isFocused } from './DesignerContext'
import type { DesignEntity, DesignPipeline, DesignStage, DocumentError } from './types'
import { useText } from './useText'
import { moveItem } from './moveItem'

interface Props {
  pipeline: DesignPipeline
  entity: DesignEntity | undefined
  onChange: (pipeline: DesignPipeline) => void
  path: string
  errors: DocumentError[]
  focus: string | null
}

/** The stages of a pipeline in order (drag to reorder): probability, colour, outcome, required fields, allowed moves. */
export function StageEditor({ pipeline, entity, onChange, path, errors, focus }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const dragged = useRef<number | null>(null)
  const [over, setOver] = useState<number | null>(null)
  const stageField = entity?.fields.find((f) => f.name === pipeline.field)
  const optionOf = (name: string) => stageField?.options?.find((o) => o.value === name)
  const stageLabel = (s: DesignStage) => i18n.label(s.label ?? optionOf(s.name)?.label, s.name)
  const unused = (stageField?.options ?? []).filter((o) => !pipeline.stages.some((s) => s.name === o.value))
  const fields = (entity?.fields ?? []).filter((f) => !f.retired && f.name !== pipeline.field)

  const setStage = (index: number, change: Partial<DesignStage>) =>
    onChange({
      ...pipeline,
      stages: pipeline.stages.map((s, i) => {
        if (i !== index) return s
        const next: DesignStage = { ...s, ...change }
        for (const [key, value] of Object.entries(change)) if (value === undefined) delete next[key as keyof DesignStage]
        return next
      }),
    })
  const move = (from: number, to: number) => onChange({ ...pipeline, stages: moveItem(pipeline.stages, from, to) })
  const remove = (index: number) => {
    const name = pipeline.stages[index].name
    onChange({ ...pipeline, stages: pipeline.stages.filter((_, i) => i !== index).map((s) => (s.transitions ? { ...s, transitions: s.transitions.filter((t) => t !== name) } : s)) })
  }

  return (
    <div className="stage-editor" data-testid="stage-editor">
      <ol className="stage-list">
        {pipeline.stages.map((stage, i) => {
          const stagePath = `${path}.stages[${i}]`
          const problems = errorsUnder(errors, stagePath)
          const color = stage.color ?? optionOf(stage.name)?.color ?? '#94a3b8'
          return (
            <li key={stage.name} data-testid={`stage-${stage.name}`} draggable
              className={`stage-card${over === i ? ' drop-before' : ''}${problems.length ? ' has-error' : ''}${isFocused(focus, stagePath) ? ' focused' : ''}`}
              style={{ borderLeftColor: color }}
              onDragStart={(e) => { dragged.current = i; e.dataTransfer?.setData('text/plain', stage.name) }}
              onDragOver={(e) => { e.preventDefault(); setOver(i) }} onDragLeave={() => setOver(null)}
              onDrop={(e) => { e.preventDefault(); setOver(null); if (dragged.current !== null && dragged.current !== i) move(dragged.current, i); dragged.current = null }}>
              <div className="stage-head">
                <span className="grip" aria-hidden="true">⠿</span>
                <strong>{stageLabel(stage)}</strong> <small className="mono subtle">{stage.name}</small>
                {stage.outcome && <span className={`badge outcome-${stage.outcome}`}>{stage.outcome === 'won' ? tx('Won', 'Kazanıldı') : tx('Lost', 'Kaybedildi')}</span>}
                <span className="spacer" />
                <button type="button" className="icon" aria-label={tx('Move up', 'Yukarı taşı')} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</button>
                <button type="button" className="icon" aria-label={tx('Move down', 'Aşağı taşı')} disabled={i === pipeline.stages.length - 1} onClick={() => move(i, i + 1)}>↓</button>
                <button type="button" className="icon" aria-label={tx('Remove stage', 'Aşamayı kaldır')} data-testid={`stage-remove-${stage.name}`} onClick={() => remove(i)}>×</button>
              </div>
              {problems.map((p) => <p key={p.path + p.message} className="field-error" data-testid="element-error">{p.message}</p>)}
              <div className="stage-settings">
                <label>{tx('Win probability', 'Kazanma olasılığı')}
                  <span className="affix percent"><span className="affix-sign">%</span>
                    <input inputMode="numeric" value={stage.probability === undefined ? '' : String(Math.round(stage.probability * 100))}
                      data-testid={`stage-probability-${stage.name}`} aria-label={tx(`Win probability of ${stageLabel(stage)}`, `${stageLabel(stage)} kazanma olasılığı`)}
                      onChange={(e) => {
                        const n = Number(e.target.value)
                        setStage(i, { probability: e.target.value === '' || !Number.isFinite(n) ? undefined : Math.min(Math.max(n, 0), 100) / 100 })
                      }} />
                  </span>
                </label>
                <label>{tx('Colour', 'Renk')}
                  <input type="color" value={color} data-testid={`stage-color-${stage.name}`} onChange={(e) => setStage(i, { color: e.target.value })} />
                </label>
                <label>{tx('Outcome', 'Sonuç')}
                  <select value={stage.outcome ?? ''} data-testid={`stage-outcome-${stage.name}`}
                    onChange={(e) => setStage(i, { outcome: (e.target.value || undefined) as DesignStage['outcome'] })}>
                    <option value="">{tx('Open (in progress)', 'Açık (devam ediyor)')}</option>
                    <option value="won">{tx('Won (closes the deal)', 'Kazanıldı (işi kapatır)')}</option>
                    <option value="lost">{tx('Lost (closes the deal)', 'Kaybedildi (işi kapatır)')}</option>
                  </select>
                </label>
              </div>
              <div className="stage-row">
                <span className="stage-row-label">{tx('Required to enter', 'Girmek için zorunlu')}</span>
                <div className="chips">
                  {(stage.requiredFields ?? []).map((f) => (
                    <button key={f} type="button" className="chip on" data-testid={`stage-required-${stage.name}-${f}`} title={tx('Remove', 'Kaldır')}
                      onClick={() => { const rest = (stage.requiredFields ?? []).filter((x) => x !== f); setStage(i, { requiredFields: rest.length ? rest : undefined }) }}>
                      {i18n.label(fields.find((x) => x.name === f)?.label, f)} ×
                    </button>
                  ))}
                  <select value="" aria-label={tx('Add a required field', 'Zorunlu alan ekle')} data-testid={`stage-required-add-${stage.name}`}
                    onChange={(e) => e.target.value && setStage(i, { requiredFields: [...(stage.requiredFields ?? []), e.target.value] })}>
                    <option value="">+ {tx('field', 'alan')}</option>
                    {fields.filter((f) => !(stage.requiredFields ?? []).includes(f.name)).map((f) => <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
                  </select>
                </div>
              </div>
              <div className="stage-row">
                <span className="stage-row-label">{tx('May move to', 'Geçebileceği aşamalar')}</span>
                <label className="check-row">
                  <input type="checkbox" checked={stage.transitions !== undefined} data-testid={`stage-limit-${stage.name}`}
                    onChange={(e) => setStage(i, { transitions: e.target.checked ? pipeline.stages.filter((s) => s.name !== stage.name && !stage.outcome).map((s) => s.name) : undefined })} />
                  {tx('Only the stages ticked', 'Yalnızca işaretli aşamalar')}
                </label>
                {stage.transitions === undefined
                  ? <span className="subtle small">{stage.outcome ? tx('Nowhere: a closed deal stays closed.', 'Hiçbir yere: kapanan iş kapalı kalır.') : tx('Any stage of the pipeline.', 'Hunideki her aşama.')}</span>
                  : (
                    <div className="chips">
                      {pipeline.stages.filter((s) => s.name !== stage.name).map((s) => {
                        const on = stage.transitions!.includes(s.name)
                        return (
                          <button key={s.name} type="button" className={`chip${on ? ' on' : ''}`} aria-pressed={on} data-testid={`stage-transition-${stage.name}-${s.name}`}
                            onClick={() => setStage(i, { transitions: on ? stage.transitions!.filter((t) => t !== s.name) : [...stage.transitions!, s.name] })}>
                            {stageLabel(s)}
                          </button>
                        )
                      })}
                    </div>
                  )}
              </div>
            </li>
          )
        })}
      </ol>
      {unused.length > 0 && (
        <select value="" aria-label={tx('Add a stage', 'Aşama ekle')} data-testid="stage-add"
          onChange={(e) => e.target.value && onChange({ ...pipeline, stages: [...pipeline.stages, { name: e.target.value, probability: 0.5 }] })}>
          <option value="">+ {tx('Add a stage…', 'Aşama ekle…')}</option>
          {unused.map((o) => <option key={o.value} value={o.value}>{i18n.label(o.label, o.value)}</option>)}
        </select>
      )}
      <p className="help">{tx(`Stages are the options of the field “${i18n.label(stageField?.label, pipeline.field)}”; add an option there to get a new stage.`,
        `Aşamalar “${i18n.label(stageField?.label, pipeline.field)}” alanının seçenekleridir; yeni aşama için oraya seçenek ekleyin.`)}</p>
    </div>
  )
}

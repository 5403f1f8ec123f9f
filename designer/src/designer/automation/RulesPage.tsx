import { useEffect, useState } from 'react'
import { Empty } from '../../app/States'
import { useI18n } from '../../lib/i18n'
import { apiName } from '../catalog'
import { errorsUnder, useDesigner } from '../DesignerContext'
import { formatDateTime } from '../formatDateTime'
import { useText } from '../useText'
import type { AutomationRule, AutomationRun } from './automationTypes'
import { triggerTypes } from './automationTypes'
import { RuleEditor } from './RuleEditor'
import { rulesApi } from './rulesApi'
import './automation.css'

/** Automation rules of the working copy with their trigger and last run; /designer/automation/<name> edits one. */
export function RulesPage({ rest }: { rest: string[] }) {
  const { document, update, errors, go } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const rules = (document.automations as AutomationRule[] | undefined) ?? []
  const [runs, setRuns] = useState<AutomationRun[] | null>(null)
  const [newLabel, setNewLabel] = useState('')
  useEffect(() => { if (!rest[0]) rulesApi.runs(undefined, 200).then((r) => setRuns(r.value)).catch(() => setRuns([])) }, [rest])
  const index = rules.findIndex((r) => r.name === rest[0])
  if (rest[0] && index < 0) return <Empty text={tx(`There is no rule named ${rest[0]}.`, `${rest[0]} adında bir kural yok.`)} />
  if (index >= 0) return <RuleEditor index={index} />

  const add = () => {
    const base = apiName(newLabel) || 'rule'
    let name = base
    for (let n = 2; rules.some((r) => r.name === name); n++) name = `${base}_${n}`
    update((doc) => {
      const list = (doc.automations as AutomationRule[] | undefined) ?? []
      list.push({ name, label: { [i18n.language]: newLabel.trim() || name }, trigger: { type: 'recordCreated', entity: 'person' }, actions: [] })
      doc.automations = list
    })
    go(`/designer/automation/${name}`)
  }
  const lastRun = (rule: string) => runs?.find((r) => r.rule === rule)
  const triggerText = (rule: AutomationRule) => {
    const kind = triggerTypes.find((t) => t.type === rule.trigger.type)
    const entity = document.entities.find((e) => e.name === rule.trigger.entity)
    return `${kind ? (i18n.language === 'tr' ? kind.tr : kind.en) : rule.trigger.type}${entity ? ` · ${i18n.label(entity.label, entity.name)}` : ''}`
  }
  return (
    <div className="page" data-testid="designer-automation">
      <div className="page-head">
        <div>
          <h2>{tx('Automation rules', 'Otomasyon kuralları')}</h2>
          <p className="subtle">{tx('When something happens to a record, and the conditions hold, the CRM does the actions for you.', 'Bir kayda bir şey olduğunda ve koşullar tutarsa CRM eylemleri sizin yerinize yapar.')}</p>
        </div>
      </div>
      <form className="inline-add rule-add" onSubmit={(e) => { e.preventDefault(); add() }}>
        <label>{tx('New rule', 'Yeni kural')}
          <input value={newLabel} data-testid="rule-new-label" placeholder={tx('e.g. İzmir welcome call', 'ör. İzmir karşılama araması')} onChange={(e) => setNewLabel(e.target.value)} />
        </label>
        <button type="submit" className="primary" data-testid="rule-new-submit">{tx('Create rule', 'Kural oluştur')}</button>
      </form>
      {rules.length === 0 ? <Empty text={tx('No rules yet.', 'Henüz kural yok.')} /> : (
        <table className="table card" data-testid="rule-list">
          <thead><tr><th>{tx('Rule', 'Kural')}</th><th>{tx('Trigger', 'Tetikleyici')}</th><th>{tx('Actions', 'Eylemler')}</th><th>{tx('Last run', 'Son çalışma')}</th><th>{tx('Status', 'Durum')}</th></tr></thead>
          <tbody>
            {rules.map((rule, i) => {
              const run = lastRun(rule.name)
              const problems = errorsUnder(errors, `$.automations[${i}]`).length
              return (
                <tr key={rule.name} data-testid={`rule-row-${rule.name}`} className={problems ? 'has-error' : undefined} onClick={() => go(`/designer/automation/${rule.name}`)}>
                  <td><a href={`/designer/automation/${rule.name}`} onClick={(e) => e.preventDefault()}><strong>{i18n.label(rule.label, rule.name)}</strong></a><br /><small className="mono subtle">{rule.name}</small>
                    {problems > 0 && <span className="badge error">{tx(`${problems} errors`, `${problems} hata`)}</span>}</td>
                  <td>{triggerText(rule)}</td>
                  <td>{rule.actions.length}</td>
                  <td>{runs === null ? '…' : run ? <span><span className={`run-status ${run.status}`}>{run.status}</span> <small className="subtle">{formatDateTime(run.createdAt, i18n.language)}</small></span> : <span className="subtle">{tx('never', 'hiç')}</span>}</td>
                  <td>{rule.disabled ? <span className="badge neutral">{tx('Off', 'Kapalı')}</span> : <span className="badge live"><span className="dot" />{tx('On', 'Açık')}</span>}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}

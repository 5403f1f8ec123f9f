import type { Metadata } from '../../api/types'
import { useI18n } from '../../lib/i18n'
import { errorsUnder, useDesigner } from '../DesignerContext'
import { LocalizedInput } from '../LocalizedInput'
import { useText } from '../useText'
import { ActionList } from './ActionList'
import type { AutomationRule } from './automationTypes'
import { ConditionBuilder } from './ConditionBuilder'
import { RunLog } from './RunLog'
import { TestRunPanel } from './TestRunPanel'
import { TriggerEditor } from './TriggerEditor'

/** One rule: trigger, conditions, ordered actions; beside it a test run and the run log. */
export function RuleEditor({ index }: { index: number }) {
  const { document, live, update, errors, go } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const rule = (document.automations as AutomationRule[])[index]
  const path = `$.automations[${index}]`
  const problems = errorsUnder(errors, path)
  const set = (next: AutomationRule) => update((doc) => { (doc.automations as AutomationRule[])[index] = next })
  const entity = document.entities.find((e) => e.name === rule.trigger.entity)
  const published = ((live as unknown as { automations?: AutomationRule[] }).automations ?? []).find((r) => r.name === rule.name)
  const unpublished = JSON.stringify(published) !== JSON.stringify(rule)
  const remove = () => {
    if (!window.confirm(tx(`Delete the rule “${i18n.label(rule.label, rule.name)}”?`, `“${i18n.label(rule.label, rule.name)}” kuralı silinsin mi?`))) return
    update((doc) => { (doc.automations as AutomationRule[]).splice(index, 1) })
    go('/designer/automation')
  }
  return (
    <div className="page" data-testid="rule-editor">
      <div className="page-head">
        <div>
          <a className="crumb" href="/designer/automation" onClick={(e) => { e.preventDefault(); go('/designer/automation') }}>← {tx('All rules', 'Tüm kurallar')}</a>
          <h2>{i18n.label(rule.label, rule.name)} <small className="subtle mono">{rule.name}</small></h2>
        </div>
        <div className="rule-head-actions">
          <label className="check-row big"><input type="checkbox" checked={!rule.disabled} data-testid="rule-enabled"
            onChange={(e) => { const next = { ...rule }; if (e.target.checked) delete next.disabled; else next.disabled = true; set(next) }} />{tx('Rule is on', 'Kural açık')}</label>
          <button type="button" className="danger" onClick={remove} data-testid="rule-delete">{tx('Delete rule', 'Kuralı sil')}</button>
        </div>
      </div>
      {problems.length > 0 && (
        <div className="alert error" role="alert" data-testid="rule-errors">
          <ul className="error-list">{problems.map((p) => <li key={p.path + p.message}><span className="mono">{p.path.slice(path.length) || '$'}</span> {p.message}</li>)}</ul>
        </div>
      )}
      <div className="rule-layout">
        <div className="stack">
          <section className="card stack">
            <LocalizedInput label={tx('Rule name', 'Kural adı')} value={rule.label} testId="rule-label" onChange={(label) => set({ ...rule, label })} />
            <LocalizedInput label={tx('What it is for (optional)', 'Ne için (isteğe bağlı)')} value={rule.description} testId="rule-description" onChange={(description) => set({ ...rule, description })} />
          </section>
          <section className="card stack">
            <h3><span className="step-badge">1</span>{tx('Trigger', 'Tetikleyici')}</h3>
            <TriggerEditor document={document} trigger={rule.trigger} onChange={(trigger) => set({ ...rule, trigger })} />
          </section>
          <section className="card stack">
            <h3><span className="step-badge">2</span>{tx('Conditions', 'Koşullar')}</h3>
            <ConditionBuilder document={document as unknown as Metadata} entity={entity as never} value={rule.condition} testId="rule-condition"
              caption={tx('Only when', 'Yalnızca şu durumda')}
              onChange={(condition) => { const next = { ...rule, condition }; if (!condition) delete next.condition; set(next) }} />
          </section>
          <section className="card stack">
            <h3><span className="step-badge">3</span>{tx('Actions', 'Eylemler')}</h3>
            <p className="help">{tx('Done in this order; drag to reorder. Text can use {{ record.first_name }}.', 'Bu sırayla yapılır; sıralamak için sürükleyin. Metinlerde {{ record.first_name }} kullanılabilir.')}</p>
            <ActionList document={document} entity={rule.trigger.entity} actions={rule.actions} testId="rule-actions" onChange={(actions) => set({ ...rule, actions })} />
          </section>
        </div>
        <div className="stack">
          <TestRunPanel rule={rule} entity={entity as never} unpublished={unpublished} />
          <RunLog rule={rule.name} />
        </div>
      </div>
    </div>
  )
}

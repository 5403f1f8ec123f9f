import { useState } from 'react'
import { ProblemError } from '../../api/client'
import { LookupInput } from '../../app/LookupInput'
import type { EntityDefinition } from '../../api/types'
import { useText } from '../useText'
import type { AutomationRule, SimulationResult } from './automationTypes'
import { actionTypes } from './automationTypes'
import { rulesApi } from './rulesApi'

interface Props {
  rule: AutomationRule
  entity: EntityDefinition | undefined
  /** The rule differs from the published one: "only this rule" tests it as written, "which rules fire" the published ones. */
  unpublished: boolean
}

/** Test mode on a chosen record: which rules would fire and what each action would do; nothing is written or sent. */
export function TestRunPanel({ rule, entity, unpublished }: Props) {
  const tx = useText()
  const [recordId, setRecordId] = useState<string | null>(null)
  const [result, setResult] = useState<SimulationResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async (only: boolean) => {
    setBusy(true); setError(null)
    try {
      setResult(await rulesApi.test(only ? { definition: rule, recordId: recordId ?? undefined } : { entity: entity?.name, recordId: recordId ?? undefined, trigger: rule.trigger.type }))
    } catch (e) {
      setResult(null)
      setError(e instanceof ProblemError ? [e.message, ...e.problem.errors.map((x) => x.message)].join(' ') : String(e))
    } finally { setBusy(false) }
  }
  const label = (type: string) => actionTypes.find((t) => t.type === type)?.[tx('en', 'tr') as 'en' | 'tr'] ?? type
  return (
    <section className="card stack" data-testid="rule-test">
      <h3>{tx('Test run', 'Deneme çalıştırma')}</h3>
      <p className="help">{tx('Pick a record: see which rules would fire on it and what they would do. Nothing is saved, sent or called.', 'Bir kayıt seçin: hangi kuralların çalışacağını ve ne yapacaklarını görün. Hiçbir şey kaydedilmez, gönderilmez.')}</p>
      {unpublished && <div className="alert warning small">{tx('"Only this rule" tests the rule as you wrote it; "Which rules fire?" uses the published rules.', '"Yalnızca bu kural" kuralı yazdığınız haliyle dener; "Hangi kurallar çalışır?" yayınlanmış kuralları kullanır.')}</div>}
      {entity ? (
        <LookupInput id="rule-test-record" field={{ name: 'test_record', type: 'lookup', target: entity.name }} target={entity} value={recordId} invalid={false} onChange={setRecordId} />
      ) : <p className="subtle">{tx('This trigger is not about records.', 'Bu tetikleyici kayıtlarla ilgili değil.')}</p>}
      <div className="row-actions">
        <button type="button" className="primary" disabled={busy} data-testid="rule-test-run" onClick={() => run(false)}>{tx('Which rules fire?', 'Hangi kurallar çalışır?')}</button>
        <button type="button" disabled={busy} data-testid="rule-test-this" onClick={() => run(true)}>{tx('Only this rule', 'Yalnızca bu kural')}</button>
      </div>
      {error && <div className="alert error small" role="alert">{error}</div>}
      {result && (
        <div className="test-result" data-testid="rule-test-result">
          {result.rules.length === 0 && <p className="subtle">{tx('No rule fires on this record for this trigger.', 'Bu tetikleyiciyle bu kayıtta hiçbir kural çalışmaz.')}</p>}
          {result.rules.map((r) => (
            <div key={r.rule} className={`test-rule ${r.fires ? 'fires' : 'skips'}`} data-testid={`rule-test-${r.rule}`}>
              <strong>{r.fires ? '✔' : '–'} {r.rule}</strong> <small className="subtle">{r.fires ? tx('fires', 'çalışır') : r.reason ?? r.error ?? tx('does not fire', 'çalışmaz')}</small>
              {r.actions && (
                <ol>
                  {r.actions.map((a) => (
                    <li key={a.step}>{label(a.type)} {a.error ? <span className="field-error">{a.error}</span> : <code className="mono">{summary(a.output)}</code>}</li>
                  ))}
                </ol>
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  )
}

function summary(output: unknown): string {
  if (output === undefined || output === null) return ''
  // A record an action would write reads best as its values, not as JSON.
  const values = (output as { values?: Record<string, unknown> }).values
  if (values && typeof values === 'object') {
    const entity = (output as { entity?: string }).entity
    return `${entity ? `${entity}: ` : ''}${Object.entries(values).filter(([k]) => k !== 'owner').map(([k, v]) => `${k} = ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' · ')}`
  }
  const text = JSON.stringify(output)
  return text.length > 220 ? `${text.slice(0, 217)}…` : text
}

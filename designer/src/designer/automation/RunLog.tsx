import { useCallback, useEffect, useState } from 'react'
import { useI18n } from '../../lib/i18n'
import { formatDateTime } from '../formatDateTime'
import { useText } from '../useText'
import type { AutomationRun } from './automationTypes'
import { rulesApi } from './rulesApi'

/** The rule's latest runs: when, on which record, how it ended, per step. */
export function RunLog({ rule }: { rule: string }) {
  const i18n = useI18n()
  const tx = useText()
  const [runs, setRuns] = useState<AutomationRun[] | null>(null)
  const [open, setOpen] = useState<string | null>(null)
  const load = useCallback(() => { rulesApi.runs(rule, 20).then((r) => setRuns(r.value)).catch(() => setRuns([])) }, [rule])
  useEffect(load, [load])
  return (
    <section className="card stack" data-testid="rule-runs">
      <div className="section-head"><h3>{tx('Run log', 'Çalışma günlüğü')}</h3><span className="spacer" /><button type="button" className="link" onClick={load}>{tx('Refresh', 'Yenile')}</button></div>
      {runs === null ? <p className="subtle">…</p> : runs.length === 0 ? <p className="subtle">{tx('The published rule has not run yet.', 'Yayınlanmış kural henüz çalışmadı.')}</p> : (
        <ul className="run-list">
          {runs.map((run) => (
            <li key={run.id} data-testid="rule-run">
              <button type="button" className="run-line" onClick={() => setOpen(open === run.id ? null : run.id)} aria-expanded={open === run.id}>
                <span className={`run-status ${run.status}`}>{run.status}</span>
                <span>{formatDateTime(run.createdAt, i18n.language)}</span>
                <small className="subtle">{run.entity} {run.recordId?.slice(0, 8)}</small>
                {run.durationMs !== undefined && <small className="subtle">{Math.round(run.durationMs)} ms</small>}
              </button>
              {run.error && <p className="field-error">{run.error}</p>}
              {open === run.id && <pre className="run-steps">{JSON.stringify(run.steps ?? [], null, 2)}</pre>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

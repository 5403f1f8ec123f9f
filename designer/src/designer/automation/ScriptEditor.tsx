import { useEffect, useState } from 'react'
import { apiFetch } from '../../api/client'
import { useText } from '../useText'
import { CodeArea } from './CodeArea'

export interface ScriptProblem {
  line: number
  column: number
  message: string
}

interface Props {
  value: string
  onChange: (value: string) => void
  testId: string
  hint?: string
  rows?: number
}

/** A script editor with line numbers; the server checks the syntax as the key user types and the errors sit at their line. */
export function ScriptEditor({ value, onChange, testId, hint, rows = 6 }: Props) {
  const tx = useText()
  const [problems, setProblems] = useState<ScriptProblem[]>([])
  useEffect(() => {
    if (!value.trim()) { setProblems([]); return }
    let live = true
    const timer = window.setTimeout(() => {
      apiFetch<{ valid: boolean; problems: ScriptProblem[] }>('/api/rules/check-script', { method: 'POST', body: { script: value } })
        .then((r) => { if (live) setProblems(r.problems) })
        .catch(() => { if (live) setProblems([]) })
    }, 350)
    return () => { live = false; window.clearTimeout(timer) }
  }, [value])
  return (
    <div className="script-editor" data-testid={testId}>
      <CodeArea value={value} onChange={onChange} problems={problems} testId={`${testId}-text`} label={tx('Script', 'Betik')} rows={rows} />
      {problems.length > 0
        ? <ul className="script-problems" data-testid={`${testId}-problems`}>
            {problems.map((p, i) => <li key={i}><strong>{tx(`Line ${p.line}, column ${p.column}`, `Satır ${p.line}, sütun ${p.column}`)}:</strong> {p.message}</li>)}
          </ul>
        : hint && <p className="help">{hint}</p>}
    </div>
  )
}

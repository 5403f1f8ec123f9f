import { useEffect, useRef, useState } from 'react'
import { apiFetch } from '../../api/client'
import { useText } from '../useText'

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
  const gutter = useRef<HTMLDivElement>(null)
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
  const lines = Math.max(value.split('\n').length, rows)
  const bad = new Set(problems.map((p) => p.line))
  return (
    <div className="script-editor" data-testid={testId}>
      <div className={`script-frame${problems.length ? ' invalid' : ''}`}>
        <div className="script-gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => <span key={i} className={bad.has(i + 1) ? 'bad' : undefined}>{i + 1}</span>)}
        </div>
        <textarea spellCheck={false} rows={rows} value={value} data-testid={`${testId}-text`} aria-label={tx('Script', 'Betik')}
          aria-invalid={problems.length > 0} onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => { if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop }} />
      </div>
      {problems.length > 0
        ? <ul className="script-problems" data-testid={`${testId}-problems`}>
            {problems.map((p, i) => <li key={i}><strong>{tx(`Line ${p.line}, column ${p.column}`, `Satır ${p.line}, sütun ${p.column}`)}:</strong> {p.message}</li>)}
          </ul>
        : hint && <p className="help">{hint}</p>}
    </div>
  )
}

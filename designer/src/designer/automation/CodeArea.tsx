import { useRef } from 'react'

export interface CodeProblem {
  line: number
  column?: number
  message: string
}

interface Props {
  value: string
  onChange: (value: string) => void
  problems: CodeProblem[]
  testId: string
  label: string
  rows?: number
}

/** A monospace text area with line numbers; lines with a problem are marked in the gutter. */
export function CodeArea({ value, onChange, problems, testId, label, rows = 6 }: Props) {
  const gutter = useRef<HTMLDivElement>(null)
  const lines = Math.max(value.split('\n').length, rows)
  const bad = new Set(problems.map((p) => p.line))
  return (
    <div className={`script-frame${problems.length ? ' invalid' : ''}`}>
      <div className="script-gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => <span key={i} className={bad.has(i + 1) ? 'bad' : undefined}>{i + 1}</span>)}
      </div>
      <textarea spellCheck={false} rows={rows} value={value} data-testid={testId} aria-label={label}
        aria-invalid={problems.length > 0} onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => { if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop }} />
    </div>
  )
}

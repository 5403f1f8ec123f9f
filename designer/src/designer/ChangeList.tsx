import { useI18n } from '../lib/i18n'
import { describeChange } from './describeChange'
import type { DocumentChange } from './types'
import { useText } from './useText'

/** A diff in words: added, changed and removed elements, grouped, with old → new values. */
export function ChangeList({ changes, testId }: { changes: DocumentChange[]; testId: string }) {
  const { language } = useI18n()
  const tx = useText()
  if (changes.length === 0) return <p className="subtle" data-testid={`${testId}-none`}>{tx('No differences.', 'Fark yok.')}</p>
  const groups: { op: DocumentChange['op']; title: string }[] = [
    { op: 'added', title: tx('Added', 'Eklenen') }, { op: 'changed', title: tx('Changed', 'Değişen') }, { op: 'removed', title: tx('Removed', 'Kaldırılan') },
  ]
  return (
    <div className="change-list" data-testid={testId}>
      {groups.map(({ op, title }) => {
        const list = changes.filter((c) => c.op === op)
        if (list.length === 0) return null
        return (
          <section key={op}>
            <h4><span className={`op-mark op-${op}`}>{op === 'added' ? '+' : op === 'removed' ? '−' : '~'}</span>{title} <span className="count-pill">{list.length}</span></h4>
            <ul>
              {list.map((c) => {
                const d = describeChange(c, language)
                return (
                  <li key={c.path} className={`change op-${op}`} data-testid="change">
                    <span className="change-path">{d.steps.map((s, i) => <span key={i}>{i > 0 && <span className="sep"> › </span>}{s}</span>)}</span>
                    {op === 'changed' && <span className="change-values"><del>{d.from ?? '—'}</del> → <ins>{d.to ?? '—'}</ins></span>}
                    {op === 'added' && d.to && <span className="change-values"><ins>{d.to}</ins></span>}
                    {op === 'removed' && d.from && <span className="change-values"><del>{d.from}</del></span>}
                  </li>
                )
              })}
            </ul>
          </section>
        )
      })}
    </div>
  )
}

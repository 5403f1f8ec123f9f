import { useRef } from 'react'
import { useI18n } from '../../lib/i18n'
import { useText } from '../useText'
import { nodeHeight, nodeWidth, type Layout } from './workflowLayout'
import type { Workflow } from './workflowTypes'

export type Selection = { step: string } | { from: string; to: string } | null

interface Props {
  workflow: Workflow
  layout: Layout
  onLayout: (layout: Layout, done: boolean) => void
  selected: Selection
  onSelect: (selection: Selection) => void
  stepLabel: (name: string) => string
}

/** The state machine drawn: steps as cards the key user drags to arrange, transitions as arrows (click one to edit it). */
export function WorkflowCanvas({ workflow, layout, onLayout, selected, onSelect, stepLabel }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const drag = useRef<{ name: string; dx: number; dy: number; moved: boolean } | null>(null)
  const box = useRef<HTMLDivElement>(null)
  const width = Math.max(720, ...Object.values(layout).map((p) => p.x + nodeWidth + 40))
  const height = Math.max(260, ...Object.values(layout).map((p) => p.y + nodeHeight + 60))

  const point = (e: React.PointerEvent) => {
    const rect = box.current!.getBoundingClientRect()
    return { x: e.clientX - rect.left + box.current!.scrollLeft, y: e.clientY - rect.top + box.current!.scrollTop }
  }
  const down = (name: string) => (e: React.PointerEvent) => {
    const p = point(e)
    drag.current = { name, dx: p.x - layout[name].x, dy: p.y - layout[name].y, moved: false }
    e.currentTarget.setPointerCapture?.(e.pointerId)
  }
  const move = (e: React.PointerEvent) => {
    const d = drag.current
    if (!d) return
    const p = point(e)
    const x = Math.max(0, Math.round((p.x - d.dx) / 10) * 10), y = Math.max(0, Math.round((p.y - d.dy) / 10) * 10)
    if (x === layout[d.name].x && y === layout[d.name].y) return
    d.moved = true
    onLayout({ ...layout, [d.name]: { x, y } }, false)
  }
  const up = () => {
    const d = drag.current
    drag.current = null
    if (!d) return
    if (d.moved) onLayout(layout, true)
    else onSelect({ step: d.name })
  }

  const edges = workflow.steps.flatMap((s) => (s.transitions ?? []).map((t) => ({ from: s.name, to: t.to, conditional: !!t.when, label: t.label })))
  return (
    <div className="workflow-canvas" ref={box} data-testid="workflow-canvas" style={{ height: Math.min(height, 560) }} onPointerMove={move} onPointerUp={up}>
      <svg width={width} height={height} className="workflow-edges" aria-hidden="false" role="img" aria-label={tx('Transitions', 'Geçişler')}>
        <defs>
          <marker id="wf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#667085" /></marker>
          <marker id="wf-arrow-on" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#2563eb" /></marker>
        </defs>
        {edges.map((e) => {
          const a = layout[e.from], b = layout[e.to]
          if (!a || !b) return null
          const on = selected !== null && 'from' in selected && selected.from === e.from && selected.to === e.to
          const w = nodeWidth, h = nodeHeight
          let d: string, mx: number, my: number
          if (b.y >= a.y + h) {
            // Downwards, the usual flow: bottom of one step to the top of the next.
            const x1 = a.x + w / 2, y1 = a.y + h, x2 = b.x + w / 2, y2 = b.y
            d = `M${x1},${y1} C${x1},${y1 + 40} ${x2},${y2 - 40} ${x2},${y2 - 2}`
            mx = (x1 + x2) / 2 + 6; my = (y1 + y2) / 2
          } else if (Math.abs(b.y - a.y) < h) {
            // Side by side: from the facing edges.
            const right = b.x > a.x
            const x1 = right ? a.x + w : a.x, y1 = a.y + h / 2, x2 = right ? b.x : b.x + w, y2 = b.y + h / 2
            d = `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${right ? x2 - 2 : x2 + 2},${y2}`
            mx = (x1 + x2) / 2; my = (y1 + y2) / 2 - 8
          } else {
            // Back up the flow (a rework loop): around the right-hand side.
            const x1 = a.x + w, y1 = a.y + h / 2, x2 = b.x + w, y2 = b.y + h / 2
            const bend = Math.max(x1, x2) + 60
            d = `M${x1},${y1} C${bend},${y1} ${bend},${y2} ${x2 + 2},${y2}`
            mx = bend - 10; my = (y1 + y2) / 2
          }
          return (
            <g key={`${e.from}>${e.to}`} className={`wf-edge${on ? ' on' : ''}`} data-testid={`wf-edge-${e.from}-${e.to}`} onClick={() => onSelect({ from: e.from, to: e.to })}>
              <path d={d} className="wf-edge-hit" />
              <path d={d} className="wf-edge-line" strokeDasharray={e.conditional ? '6 4' : undefined} markerEnd={`url(#${on ? 'wf-arrow-on' : 'wf-arrow'})`} />
              {(e.conditional || e.label) && <text x={mx} y={my} textAnchor="middle" className="wf-edge-label">{e.label ? i18n.label(e.label) : tx('if …', 'eğer …')}</text>}
            </g>
          )
        })}
      </svg>
      {workflow.steps.map((s, i) => {
        const p = layout[s.name]
        if (!p) return null
        const on = selected !== null && 'step' in selected && selected.step === s.name
        return (
          <div key={s.name} className={`wf-node${on ? ' on' : ''}${s.final ? ' final' : ''}${i === 0 ? ' first' : ''}`} data-testid={`wf-node-${s.name}`}
            style={{ left: p.x, top: p.y, width: nodeWidth, height: nodeHeight }} onPointerDown={down(s.name)}
            role="button" tabIndex={0} aria-pressed={on} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') onSelect({ step: s.name }) }}>
            <strong>{stepLabel(s.name)}</strong>
            <span className="wf-node-tags">
              {i === 0 && <span className="wf-tag start">{tx('start', 'başlangıç')}</span>}
              {s.approval && <span className="wf-tag approval">{tx('approval', 'onay')}</span>}
              {s.due && <span className="wf-tag">◷ {s.due.replace(/^PT?/, '').toLowerCase()}</span>}
              {s.final && <span className="wf-tag final">{tx('final', 'son')}</span>}
            </span>
          </div>
        )
      })}
    </div>
  )
}

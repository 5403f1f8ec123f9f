// Where each step sits on the canvas. Positions are the key user's arrangement, not part of the model: they are kept
// in localStorage per workflow, so the workflow JSON round-trips exactly.
import type { Workflow } from './workflowTypes'

export interface Point { x: number; y: number }
export type Layout = Record<string, Point>

export const nodeWidth = 180
export const nodeHeight = 64
const key = (workflow: string) => `nocodecrm.designer.workflowLayout.${workflow}`

/** Steps by distance from the first step, top to bottom; steps at the same distance side by side. */
export function autoLayout(workflow: Workflow): Layout {
  const level = new Map<string, number>()
  const first = workflow.steps[0]?.name
  if (first) level.set(first, 0)
  const queue = first ? [first] : []
  while (queue.length) {
    const name = queue.shift()!
    for (const t of workflow.steps.find((s) => s.name === name)?.transitions ?? [])
      if (!level.has(t.to)) { level.set(t.to, level.get(name)! + 1); queue.push(t.to) }
  }
  let maxLevel = Math.max(0, ...level.values())
  for (const s of workflow.steps) if (!level.has(s.name)) level.set(s.name, ++maxLevel)
  const rows = new Map<number, number>()
  const layout: Layout = {}
  for (const s of workflow.steps) {
    const l = level.get(s.name)!
    const row = rows.get(l) ?? 0
    rows.set(l, row + 1)
    layout[s.name] = { x: 24 + row * (nodeWidth + 40), y: 24 + l * (nodeHeight + 56) }
  }
  return layout
}

export function loadLayout(workflow: Workflow): Layout {
  const auto = autoLayout(workflow)
  try {
    const stored = JSON.parse(localStorage.getItem(key(workflow.name)) ?? '{}') as Layout
    for (const name of Object.keys(auto)) if (stored[name]) auto[name] = stored[name]
  } catch { /* a damaged layout falls back to the automatic one */ }
  return auto
}

export function saveLayout(workflow: string, layout: Layout): void {
  localStorage.setItem(key(workflow), JSON.stringify(layout))
}

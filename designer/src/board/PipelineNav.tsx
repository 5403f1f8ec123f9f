import type { Module } from '../api/types'
import { useApp } from '../app/AppContext'
import { findEntity } from '../lib/model'
import { navigate, useRoute } from '../lib/router'
import { usePipelines } from './usePipelines'

/** One navigation entry per pipeline whose entity belongs to the module (sales: "Corporate sales", "Individual sales"). */
export function PipelineNav({ module }: { module: Module }) {
  const { metadata } = useApp()
  const route = useRoute()
  const pipelines = (usePipelines() ?? []).filter((p) => (findEntity(metadata, p.entity)?.module ?? 'settings') === module)
  return pipelines.map((p) => {
    const active = route.page === 'board' && route.pipeline === p.name
    return (
      <a key={p.name} href={`/board/${p.name}`} data-testid={`nav-board-${p.name}`} className={`nav-item${active ? ' active' : ''}`}
        aria-current={active ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate(`/board/${p.name}`) }}>
        <span className="nav-icon" aria-hidden="true">▥</span>{p.label}
      </a>
    )
  })
}

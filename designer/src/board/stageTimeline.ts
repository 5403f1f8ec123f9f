// Stage changes for the 360° timeline: the moves of the pipeline records (opportunities) linked to a person or company.
import { api } from '../api/crm'
import { pipelinesApi, type Pipeline, type StageMoveRow } from '../api/pipelines'
import type { EntityDefinition, Metadata } from '../api/types'
import type { I18n } from '../lib/i18n'
import { findEntity, primaryText } from '../lib/model'
import { bt } from './boardText'
import { loadPipelines } from './usePipelines'

export interface StageTimelineItem {
  id: string
  at: string
  title: string
  detail?: string
  link: string
}

// The timeline shows recent deals' moves; older deals are a click away on their own record pages.
const recordsPerEntity = 20

export function stageLabel(pipelines: Pipeline[], pipeline: string, stage: string | null): string {
  if (!stage) return ''
  return pipelines.find((p) => p.name === pipeline)?.stages.find((s) => s.name === stage)?.label ?? stage
}

/** "3 days in Qualification · by ayse.rep · automation": what a move row says besides from → to. */
export function moveDetail(move: StageMoveRow, pipelines: Pipeline[], i18n: I18n, users: Map<string, string>): string {
  const parts: string[] = []
  if (move.fromStage && move.secondsInFrom !== null)
    parts.push(bt(i18n, 'daysIn', { n: Math.floor(move.secondsInFrom / 86_400), stage: stageLabel(pipelines, move.pipeline, move.fromStage) }))
  const who = move.movedBy ? users.get(move.movedBy) : undefined
  if (who) parts.push(bt(i18n, 'by', { who }))
  if (move.source && move.source !== 'api') {
    const key = `source_${move.source}` as 'source_automation' | 'source_import' | 'source_workflow'
    parts.push(['source_automation', 'source_import', 'source_workflow'].includes(key) ? bt(i18n, key) + (move.rule ? ` (${move.rule})` : '') : move.source)
  }
  return parts.join(' · ')
}

export function moveTitle(move: StageMoveRow, pipelines: Pipeline[], i18n: I18n): string {
  const to = stageLabel(pipelines, move.pipeline, move.toStage)
  return move.fromStage ? bt(i18n, 'stageChange', { from: stageLabel(pipelines, move.pipeline, move.fromStage), to }) : bt(i18n, 'created', { stage: to })
}

/** Every move of the records in a pipeline that point at this record through a lookup (an opportunity's company or person). */
export async function stageTimelineItems(metadata: Metadata, entity: EntityDefinition, recordId: string, i18n: I18n,
  users: Map<string, string>): Promise<StageTimelineItem[]> {
  const pipelines = await loadPipelines(metadata.version, i18n.language)
  const items: StageTimelineItem[] = []
  for (const entityName of new Set(pipelines.map((p) => p.entity))) {
    const other = findEntity(metadata, entityName)
    const lookups = other?.fields.filter((f) => f.type === 'lookup' && f.target === entity.name && !f.retired) ?? []
    if (!other || lookups.length === 0) continue
    const filter = lookups.map((f) => `${f.name} eq ${recordId}`).join(' or ')
    const page = await api.query(other.name, { filter, top: recordsPerEntity, orderBy: 'updated_at desc' })
    const histories = await Promise.all(page.value.map((r) => pipelinesApi.stageHistory(other.name, r.id).then((moves) => ({ r, moves }), () => ({ r, moves: [] }))))
    for (const { r, moves } of histories) {
      const name = primaryText(other, r)
      for (const move of moves) {
        const detail = moveDetail(move, pipelines, i18n, users)
        items.push({ id: String(move.id), at: move.movedAt, title: `${name} — ${moveTitle(move, pipelines, i18n)}`, detail: detail || undefined, link: `/e/${other.name}/${r.id}` })
      }
    }
  }
  return items
}

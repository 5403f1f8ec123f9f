// The pipelines API (docs/pipelines.md): pipeline definitions, the board and its columns, stage history, forecast.
import { apiFetch } from './client'
import type { CrmRecord } from './types'

export type BoardScope = 'mine' | 'team' | 'all'

export interface PipelineStage {
  name: string
  label: string
  probability: number
  color?: string | null
  outcome?: 'won' | 'lost' | null
  requiredFields?: string[] | null
  /** The stages a record in this stage may move to. */
  transitions: string[]
}

export interface Pipeline {
  name: string
  label: string
  entity: string
  field: string
  selector?: { field: string; value: string } | null
  amountField?: string | null
  closeDateField?: string | null
  stages: PipelineStage[]
}

export interface BoardColumnData {
  stage: string
  label: string
  color?: string
  probability: number
  outcome?: string
  count: number
  /** Null when the user may not see the amount field. */
  sum: number | null
  weightedSum: number | null
  records: CrmRecord[]
}

export interface BoardData {
  pipeline: string
  entity: string
  field: string
  scope: BoardScope
  columns: BoardColumnData[]
}

export interface BoardQuery {
  scope: BoardScope
  search?: string
  expand?: string[]
}

export interface StageMoveRow {
  id: number
  pipeline: string
  recordId: string
  fromStage: string | null
  toStage: string
  movedAt: string
  movedBy: string | null
  source: string
  rule?: string | null
  secondsInFrom: number | null
}

export interface ForecastRowData {
  period: string
  key: string | null
  label: string | null
  openCount: number
  openAmount: number
  weightedAmount: number
  wonCount: number
  wonAmount: number
  forecast: number
}

function boardParams(query: BoardQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ scope: query.scope, ...extra })
  if (query.search?.trim()) params.set('$search', query.search.trim())
  if (query.expand?.length) params.set('$expand', query.expand.join(','))
  return params.toString()
}

const enc = encodeURIComponent

export const pipelinesApi = {
  list: () => apiFetch<{ value: Pipeline[] }>('/api/pipelines').then((r) => r.value),
  board: (pipeline: string, query: BoardQuery) => apiFetch<BoardData>(`/api/pipelines/${enc(pipeline)}/board?${boardParams(query)}`),
  column: (pipeline: string, stage: string, query: BoardQuery, skip: number, top: number) =>
    apiFetch<{ value: CrmRecord[]; count: number }>(
      `/api/pipelines/${enc(pipeline)}/board/${enc(stage)}?${boardParams(query, { $skip: String(skip), $top: String(top) })}`),
  stageHistory: (entity: string, id: string) =>
    apiFetch<{ value: StageMoveRow[] }>(`/api/records/${enc(entity)}/${id}/stage-history`).then((r) => r.value),
  forecast: (pipeline: string, scope: BoardScope, from: string, to: string, period: 'month' | 'quarter' | 'year') =>
    apiFetch<{ value: ForecastRowData[] }>(`/api/forecast?${new URLSearchParams({ pipeline, scope, from, to, period, groupBy: 'none' })}`)
      .then((r) => r.value),
}

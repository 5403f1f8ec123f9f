// The board's pure logic: money and totals, which moves a pipeline allows, a successful move applied to the columns,
// and a refused move (422) read into the fields to fill in.
import type { Problem } from '../api/client'
import { errorField } from '../api/client'
import type { CrmRecord, EntityDefinition } from '../api/types'
import type { BoardColumnData, BoardData, Pipeline } from '../api/pipelines'
import type { I18n } from '../lib/i18n'
import { findField } from '../lib/model'
import { currencyCode } from '../lib/format'

/** Money for totals and cards: whole units of the model's currency in the user's locale (₺1.250.000 in Turkish, ₺1,250,000 in English). */
export function formatMoney(value: number | null | undefined, locale: string, currency = currencyCode()): string {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '—'
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(Number(value))
}

/** The stages a record in `from` may go to (the pipeline lists them per stage, defaults already applied by the server). */
export function allowedTargets(pipeline: Pipeline, from: string): Set<string> {
  return new Set(pipeline.stages.find((s) => s.name === from)?.transitions ?? [])
}

export type MovePlan =
  | { kind: 'none' }
  | { kind: 'notAllowed'; allowed: string[] }
  | { kind: 'move' }

/** What dropping a card of stage `from` on `to` means: nothing (same column), a refused transition, or a request. */
export function planMove(pipeline: Pipeline, from: string, to: string): MovePlan {
  if (from === to) return { kind: 'none' }
  const allowed = allowedTargets(pipeline, from)
  if (!allowed.has(to)) return { kind: 'notAllowed', allowed: pipeline.stages.filter((s) => allowed.has(s.name)).map((s) => s.name) }
  return { kind: 'move' }
}

/**
 * The board after a move the server accepted: the card leaves its column and heads the target one, counts and sums
 * follow (weighted by each column's probability). The board is refetched afterwards; this keeps the totals right meanwhile.
 */
export function applyMove(board: BoardData, pipeline: Pipeline, saved: CrmRecord, from: string, to: string): BoardData {
  const amountField = pipeline.amountField
  const before = board.columns.find((c) => c.stage === from)?.records.find((r) => r.id === saved.id)
  const oldAmount = amountField && before ? Number(before[amountField] ?? 0) : 0
  const newAmount = amountField ? Number(saved[amountField] ?? 0) : 0
  const adjust = (column: BoardColumnData, sign: 1 | -1, amount: number): BoardColumnData => {
    const sum = column.sum === null ? null : round2(column.sum + sign * amount)
    return {
      ...column,
      count: column.count + sign,
      sum,
      weightedSum: column.weightedSum === null ? null : round2(column.weightedSum + sign * amount * column.probability),
    }
  }
  return {
    ...board,
    columns: board.columns.map((column) => {
      if (column.stage === from) return { ...adjust(column, -1, oldAmount), records: column.records.filter((r) => r.id !== saved.id) }
      if (column.stage === to) return { ...adjust(column, 1, newAmount), records: [saved, ...column.records.filter((r) => r.id !== saved.id)] }
      return column
    }),
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

export interface MoveRefusal {
  /** Fields the target stage requires that are empty, with their labels in the user's language. */
  missing: { name: string; label: string }[]
  /** Anything else the server said (a transition not allowed, a stage of another pipeline). */
  messages: string[]
  /** The server's codes, so callers can tell a conflict from a rule. */
  codes: string[]
}

/** Reads a 422 from a move: requiredForStage errors name the fields (by their path $.field), the rest are shown as said. */
export function readRefusal(problem: Problem, entity: EntityDefinition, i18n: I18n): MoveRefusal {
  const missing: MoveRefusal['missing'] = []
  const messages: string[] = []
  const codes: string[] = []
  for (const error of problem.errors) {
    const code = error.code ?? ''
    codes.push(code)
    const name = errorField(error.path)
    const field = name ? findField(entity, name) : undefined
    if (code === 'requiredForStage' && field) {
      if (!missing.some((m) => m.name === name)) missing.push({ name, label: i18n.label(field.label, name) })
    } else if (error.message) messages.push(error.message)
  }
  if (missing.length === 0 && messages.length === 0) messages.push(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
  return { missing, messages, codes }
}

/** Whole days between two moments, at least 0, for "days in stage". */
export function daysBetween(fromIso: string, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - new Date(fromIso).getTime()) / 86_400_000))
}

/** The calendar quarter around a day, as inclusive ISO dates (what /api/forecast's from/to take). */
export function quarterOf(day: Date): { from: string; to: string } {
  const q = Math.floor(day.getMonth() / 3)
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  return { from: iso(new Date(day.getFullYear(), q * 3, 1)), to: iso(new Date(day.getFullYear(), q * 3 + 3, 0)) }
}

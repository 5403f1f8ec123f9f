import { describe, expect, it } from 'vitest'
import type { BoardData, Pipeline } from '../api/pipelines'
import type { EntityDefinition } from '../api/types'
import { makeI18n } from '../lib/i18n'
import { applyMove, formatMoney, planMove, quarterOf, readRefusal } from './boardLogic'
import { currencySymbol, setModelCurrency } from '../lib/format'

// The sample's corporate pipeline, as GET /api/pipelines gives it (transitions already resolved).
const pipeline: Pipeline = {
  name: 'corporate_sales', label: 'Corporate sales', entity: 'opportunity', field: 'stage', amountField: 'amount', closeDateField: 'expected_close_date',
  stages: [
    { name: 'qualification', label: 'Qualification', probability: 0.1, requiredFields: ['company'], transitions: ['proposal', 'lost'] },
    { name: 'proposal', label: 'Proposal', probability: 0.4, requiredFields: ['amount'], transitions: ['qualification', 'lost'] },
    { name: 'won', label: 'Won', probability: 1, outcome: 'won', transitions: [] },
    { name: 'lost', label: 'Lost', probability: 0, outcome: 'lost', transitions: ['qualification'] },
  ],
}

const opportunity: EntityDefinition = {
  name: 'opportunity', primaryField: 'name',
  fields: [
    { name: 'name', type: 'text', label: { en: 'Opportunity name', tr: 'Fırsat adı' } },
    { name: 'amount', type: 'currency', label: { en: 'Amount', tr: 'Tutar' } },
    { name: 'company', type: 'lookup', target: 'company', label: { en: 'Company', tr: 'Şirket' } },
  ],
}

const board = (): BoardData => ({
  pipeline: 'corporate_sales', entity: 'opportunity', field: 'stage', scope: 'mine',
  columns: [
    { stage: 'qualification', label: 'Qualification', probability: 0.1, count: 3, sum: 300_000, weightedSum: 30_000,
      records: [{ id: 'a', version: 1, name: 'ERP', amount: 100_000 }, { id: 'b', version: 1, name: 'CRM', amount: 200_000 }] },
    { stage: 'proposal', label: 'Proposal', probability: 0.4, count: 1, sum: 50_000, weightedSum: 20_000, records: [{ id: 'c', version: 4, name: 'BI', amount: 50_000 }] },
    { stage: 'won', label: 'Won', probability: 1, outcome: 'won', count: 0, sum: 0, weightedSum: 0, records: [] },
  ],
})

describe('money on the board', () => {
  it('shows whole lira grouped the way each language writes them', () => {
    expect(formatMoney(1_250_000, 'tr-TR')).toBe('₺1.250.000')
    expect(formatMoney(1_250_000.4, 'en-GB')).toBe('₺1,250,000')
  })

  it('shows the model\'s currency when it names one', () => {
    setModelCurrency('EUR')
    try {
      expect(formatMoney(1_250_000, 'en-GB')).toBe('€1,250,000')
      expect(currencySymbol('tr-TR')).toBe('€')
    } finally {
      setModelCurrency(undefined)
    }
    expect(formatMoney(5, 'en-GB')).toBe('₺5')
  })

  it('shows a dash when the amount is hidden from the user', () => {
    expect(formatMoney(null, 'en-GB')).toBe('—')
  })
})

describe('planning a drop', () => {
  it('does nothing when the card is dropped on its own column', () => {
    expect(planMove(pipeline, 'proposal', 'proposal')).toEqual({ kind: 'none' })
  })

  it('refuses a stage outside the transitions and says where the card may go', () => {
    expect(planMove(pipeline, 'qualification', 'won')).toEqual({ kind: 'notAllowed', allowed: ['proposal', 'lost'] })
    expect(planMove(pipeline, 'won', 'qualification')).toEqual({ kind: 'notAllowed', allowed: [] })
  })

  it('sends an allowed move to the server', () => {
    expect(planMove(pipeline, 'lost', 'qualification')).toEqual({ kind: 'move' })
  })
})

describe('a move the server accepted', () => {
  it('moves the card to the head of the target column and carries its amount across both totals', () => {
    const after = applyMove(board(), pipeline, { id: 'a', version: 2, name: 'ERP', amount: 100_000, stage: 'proposal' }, 'qualification', 'proposal')
    const [qualification, proposal, won] = after.columns
    expect(qualification).toMatchObject({ count: 2, sum: 200_000, weightedSum: 20_000 })
    expect(qualification.records.map((r) => r.id)).toEqual(['b'])
    expect(proposal).toMatchObject({ count: 2, sum: 150_000, weightedSum: 60_000 })
    expect(proposal.records.map((r) => r.id)).toEqual(['a', 'c'])
    expect(proposal.records[0].version).toBe(2)
    expect(won.count).toBe(0)
  })

  it('leaves hidden totals hidden', () => {
    const hidden = board()
    hidden.columns = hidden.columns.map((c) => ({ ...c, sum: null, weightedSum: null }))
    const after = applyMove(hidden, pipeline, { id: 'c', version: 5, name: 'BI', amount: 50_000 }, 'proposal', 'won')
    expect(after.columns[2]).toMatchObject({ count: 1, sum: null, weightedSum: null })
  })
})

describe('a refused move', () => {
  it('names each empty required field by its label in the user language', () => {
    const refusal = readRefusal({
      status: 422, title: 'Unprocessable', errors: [
        { path: '$.amount', code: 'requiredForStage', message: "'Tutar' aşamaya girmek için gerekli." },
        { path: '$.company', code: 'requiredForStage', message: "'Şirket' aşamaya girmek için gerekli." },
      ],
    }, opportunity, makeI18n('tr'))
    expect(refusal.missing).toEqual([{ name: 'amount', label: 'Tutar' }, { name: 'company', label: 'Şirket' }])
    expect(refusal.messages).toEqual([])
  })

  it('passes on what the server said about a transition', () => {
    const refusal = readRefusal({
      status: 422, errors: [{ path: '$.stage', code: 'stageTransitionNotAllowed', message: "From 'Won' the record cannot move." }],
    }, opportunity, makeI18n('en'))
    expect(refusal.missing).toEqual([])
    expect(refusal.messages).toEqual(["From 'Won' the record cannot move."])
  })

  it('falls back to the problem detail when there are no errors', () => {
    expect(readRefusal({ status: 422, detail: 'Refused.', errors: [] }, opportunity, makeI18n('en')).messages).toEqual(['Refused.'])
  })
})

describe('the forecast period', () => {
  it('is the calendar quarter around the day', () => {
    expect(quarterOf(new Date(2026, 4, 17))).toEqual({ from: '2026-04-01', to: '2026-06-30' })
    expect(quarterOf(new Date(2026, 11, 31))).toEqual({ from: '2026-10-01', to: '2026-12-31' })
  })
})

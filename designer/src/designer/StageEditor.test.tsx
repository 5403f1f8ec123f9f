import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { I18nContext, makeI18n } from '../lib/i18n'
import { StageEditor } from './StageEditor'
import type { DesignEntity, DesignPipeline } from './types'

afterEach(cleanup)

const opportunity: DesignEntity = {
  name: 'opportunity', label: { en: 'Opportunity' },
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title' } },
    { name: 'amount', type: 'currency', label: { en: 'Amount' } },
    { name: 'lost_reason', type: 'text', label: { en: 'Lost reason' } },
    {
      name: 'stage', type: 'choice', label: { en: 'Stage' }, options: [
        { value: 'qualification', label: { en: 'Qualification' }, color: '#2563eb' },
        { value: 'proposal', label: { en: 'Proposal' } },
        { value: 'negotiation', label: { en: 'Negotiation' } },
        { value: 'won', label: { en: 'Won' } },
        { value: 'lost', label: { en: 'Lost' } },
      ],
    },
  ],
}

const start: DesignPipeline = {
  name: 'sales', entity: 'opportunity', field: 'stage',
  stages: [
    { name: 'qualification', probability: 0.1 },
    { name: 'proposal', probability: 0.4, requiredFields: ['amount'] },
    { name: 'won', probability: 1, outcome: 'won' },
    { name: 'lost', probability: 0, outcome: 'lost' },
  ],
}

let latest: DesignPipeline

function Harness() {
  const [pipeline, setPipeline] = useState(start)
  latest = pipeline
  return (
    <I18nContext.Provider value={makeI18n('en')}>
      <StageEditor pipeline={pipeline} entity={opportunity} path="$.pipelines[0]" errors={[{ path: '$.pipelines[0].stages[3].transitions[0]', message: "'nowhere' is not a stage." }]}
        focus={null} onChange={(next) => { latest = next; setPipeline(next) }} />
    </I18nContext.Provider>
  )
}

const names = () => latest.stages.map((s) => s.name)

describe('StageEditor', () => {
  it('lists the stages in order with option labels, percentages and outcomes, and an error on its stage', () => {
    render(<Harness />)
    const items = screen.getAllByRole('listitem')
    expect(items.map((i) => i.dataset.testid)).toEqual(['stage-qualification', 'stage-proposal', 'stage-won', 'stage-lost'])
    expect(within(items[0]).getByText('Qualification')).toBeTruthy()
    expect((screen.getByTestId('stage-probability-proposal') as HTMLInputElement).value).toBe('40')
    expect((screen.getByTestId('stage-color-qualification') as HTMLInputElement).value).toBe('#2563eb')
    expect(within(screen.getByTestId('stage-lost')).getByTestId('element-error').textContent).toBe("'nowhere' is not a stage.")
  })

  it('reorders stages by dragging one onto another', () => {
    render(<Harness />)
    fireEvent.dragStart(screen.getByTestId('stage-won'))
    fireEvent.dragOver(screen.getByTestId('stage-qualification'))
    fireEvent.drop(screen.getByTestId('stage-qualification'))
    expect(names()).toEqual(['won', 'qualification', 'proposal', 'lost'])
  })

  it('sets probability, colour and outcome, and adds a stage from the options not yet used', () => {
    render(<Harness />)
    fireEvent.change(screen.getByTestId('stage-probability-proposal'), { target: { value: '55' } })
    fireEvent.change(screen.getByTestId('stage-color-proposal'), { target: { value: '#dc2626' } })
    fireEvent.change(screen.getByTestId('stage-outcome-qualification'), { target: { value: 'lost' } })
    expect(latest.stages[1]).toMatchObject({ probability: 0.55, color: '#dc2626' })
    expect(latest.stages[0].outcome).toBe('lost')
    fireEvent.change(screen.getByTestId('stage-outcome-qualification'), { target: { value: '' } })
    expect('outcome' in latest.stages[0]).toBe(false)

    const add = screen.getByTestId('stage-add') as HTMLSelectElement
    expect([...add.options].map((o) => o.value)).toEqual(['', 'negotiation'])
    fireEvent.change(add, { target: { value: 'negotiation' } })
    expect(names()).toEqual(['qualification', 'proposal', 'won', 'lost', 'negotiation'])
  })

  it('edits required fields and limits where a stage may go', () => {
    render(<Harness />)
    fireEvent.change(screen.getByTestId('stage-required-add-lost'), { target: { value: 'lost_reason' } })
    expect(latest.stages[3].requiredFields).toEqual(['lost_reason'])
    fireEvent.click(screen.getByTestId('stage-required-proposal-amount'))
    expect('requiredFields' in latest.stages[1]).toBe(false)

    fireEvent.click(screen.getByTestId('stage-limit-lost'))
    expect(latest.stages[3].transitions).toEqual([])
    fireEvent.click(screen.getByTestId('stage-transition-lost-qualification'))
    expect(latest.stages[3].transitions).toEqual(['qualification'])
    expect(screen.getByTestId('stage-transition-lost-qualification').getAttribute('aria-pressed')).toBe('true')

    fireEvent.click(screen.getByTestId('stage-remove-qualification'))
    expect(names()).toEqual(['proposal', 'won', 'lost'])
    expect(latest.stages[2].transitions).toEqual([])
  })
})

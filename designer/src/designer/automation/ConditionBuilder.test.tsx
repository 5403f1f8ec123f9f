import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { I18nContext, makeI18n } from '../../lib/i18n'
import { metadata, person } from '../../test/fixtures'
import { ConditionBuilder } from './ConditionBuilder'
import type { ConditionNode } from './conditionModel'

afterEach(cleanup)

// A controlled host, as the rule editor is: every change goes through the working copy and comes back as the value.
function Host({ initial, onChange }: { initial?: ConditionNode; onChange: (value: ConditionNode | undefined) => void }) {
  const [value, setValue] = useState<ConditionNode | undefined>(initial)
  return (
    <I18nContext.Provider value={makeI18n('en')}>
      <ConditionBuilder document={metadata} entity={person} value={value} onChange={(v) => { setValue(v); onChange(v) }} />
    </I18nContext.Provider>
  )
}

const last = (spy: ReturnType<typeof vi.fn>) => spy.mock.calls.at(-1)?.[0]

describe('ConditionBuilder', () => {
  it('builds a comparison on a text field: field, operator, typed value', () => {
    const onChange = vi.fn()
    render(<Host onChange={onChange} />)
    fireEvent.click(screen.getByTestId('condition-add'))
    fireEvent.change(screen.getByTestId('condition-0-field'), { target: { value: 'company/city' } })
    fireEvent.change(screen.getByTestId('condition-0-operator'), { target: { value: 'eq' } })
    fireEvent.change(screen.getByTestId('condition-0-value'), { target: { value: 'İzmir' } })
    expect(last(onChange)).toEqual({ all: [{ field: 'company/city', operator: 'eq', value: 'İzmir' }] })
  })

  it('offers operators by field type and a lookup path cannot use "changed"', () => {
    render(<Host onChange={vi.fn()} initial={{ all: [{ field: 'nps', operator: 'gt', value: 8 }] }} />)
    const ops = () => within(screen.getByTestId('condition-0-operator')).getAllByRole('option').map((o) => o.getAttribute('value'))
    expect(ops()).toEqual(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'notIn', 'isNull', 'isNotNull', 'changed'])
    fireEvent.change(screen.getByTestId('condition-0-field'), { target: { value: 'tags' } })
    expect(ops()).toEqual(['has', 'in', 'notIn', 'isNull', 'isNotNull', 'changed'])
    fireEvent.change(screen.getByTestId('condition-0-field'), { target: { value: 'company/name' } })
    expect(ops()).not.toContain('changed')
  })

  it('stores numbers as numbers and choices from their options', () => {
    const onChange = vi.fn()
    render(<Host onChange={onChange} initial={{ all: [{ field: 'nps', operator: 'gt', value: '' }] }} />)
    fireEvent.change(screen.getByTestId('condition-0-value'), { target: { value: '8' } })
    expect(last(onChange)).toEqual({ all: [{ field: 'nps', operator: 'gt', value: 8 }] })
    fireEvent.change(screen.getByTestId('condition-0-field'), { target: { value: 'segment' } })
    const value = screen.getByTestId('condition-0-value')
    expect(value.tagName).toBe('SELECT')
    fireEvent.change(value, { target: { value: 'gold' } })
    expect(last(onChange)).toEqual({ all: [{ field: 'segment', operator: 'eq', value: 'gold' }] })
  })

  it('nests groups and writes "none of these" as not(any)', () => {
    const onChange = vi.fn()
    render(<Host onChange={onChange} initial={{ all: [{ field: 'first_name', operator: 'isNotNull' }] }} />)
    fireEvent.click(screen.getByTestId('condition-add-group'))
    fireEvent.change(screen.getByTestId('condition-1-mode'), { target: { value: 'none' } })
    const value = last(onChange) as { all: ConditionNode[] }
    expect(value.all[0]).toEqual({ field: 'first_name', operator: 'isNotNull' })
    expect(value.all[1]).toMatchObject({ not: { any: [{ field: 'first_name' }] } })
  })

  it('keeps an operator without a value free of a value and removing the last condition clears the tree', () => {
    const onChange = vi.fn()
    render(<Host onChange={onChange} initial={{ all: [{ field: 'first_name', operator: 'eq', value: 'x' }] }} />)
    fireEvent.change(screen.getByTestId('condition-0-operator'), { target: { value: 'isNull' } })
    expect(last(onChange)).toEqual({ all: [{ field: 'first_name', operator: 'isNull' }] })
    expect(screen.queryByTestId('condition-0-value')).toBeNull()
    fireEvent.click(screen.getByTestId('condition-0-remove'))
    expect(last(onChange)).toBeUndefined()
  })

  it('switches to a script condition', () => {
    const onChange = vi.fn()
    render(<Host onChange={onChange} />)
    fireEvent.click(screen.getByTestId('condition-mode-script'))
    expect(last(onChange)).toEqual({ script: '' })
    expect(screen.getByTestId('condition-script-text')).toBeTruthy()
  })
})

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { I18nContext, makeI18n } from '../lib/i18n'
import { metadata, person } from '../test/fixtures'
import { FilterBuilder } from './FilterBuilder'

afterEach(cleanup)

const renderBuilder = (onApply = vi.fn(), language: 'en' | 'tr' = 'en') => {
  render(
    <I18nContext.Provider value={makeI18n(language)}>
      <FilterBuilder metadata={metadata} entity={person} conditions={[]} onApply={onApply} />
    </I18nContext.Provider>,
  )
  return onApply
}

describe('FilterBuilder', () => {
  it('lists the entity fields and the lookup target fields with their labels', () => {
    renderBuilder()
    const field = screen.getByTestId('filter-field-0')
    expect(within(field).getByRole('option', { name: 'Last name' })).toBeTruthy()
    const group = field.querySelector('optgroup')!
    expect(group.label).toBe('Company (Company)')
    expect(within(group as HTMLElement).getByRole('option', { name: 'Company › Company name' })).toBeTruthy()
  })

  it('changes operators and the value editor with the field type', () => {
    renderBuilder()
    fireEvent.change(screen.getByTestId('filter-field-0'), { target: { value: 'segment' } })
    const operators = within(screen.getByTestId('filter-operator-0')).getAllByRole('option').map((o) => o.getAttribute('value'))
    expect(operators).toEqual(['eq', 'ne', 'null', 'notnull'])
    const value = screen.getByTestId('filter-value-0')
    expect(value.tagName).toBe('SELECT')
    expect(within(value).getByRole('option', { name: 'Gold' })).toBeTruthy()

    fireEvent.change(screen.getByTestId('filter-field-0'), { target: { value: 'birth_date' } })
    expect(screen.getByTestId('filter-value-0').getAttribute('type')).toBe('date')

    fireEvent.change(screen.getByTestId('filter-operator-0'), { target: { value: 'null' } })
    expect(screen.queryByTestId('filter-value-0')).toBeNull()
  })

  it('applies every condition, including one through a lookup', () => {
    const onApply = renderBuilder()
    fireEvent.change(screen.getByTestId('filter-field-0'), { target: { value: 'company/name' } })
    fireEvent.change(screen.getByTestId('filter-operator-0'), { target: { value: 'contains' } })
    fireEvent.change(screen.getByTestId('filter-value-0'), { target: { value: 'Anadolu' } })
    fireEvent.click(screen.getByTestId('filter-add'))
    fireEvent.change(screen.getByTestId('filter-field-1'), { target: { value: 'nps' } })
    fireEvent.change(screen.getByTestId('filter-operator-1'), { target: { value: 'ge' } })
    fireEvent.change(screen.getByTestId('filter-value-1'), { target: { value: '9' } })
    fireEvent.click(screen.getByTestId('filter-apply'))

    expect(onApply).toHaveBeenCalledWith([
      { path: 'company/name', operator: 'contains', value: 'Anadolu' },
      { path: 'nps', operator: 'ge', value: '9' },
    ])
  })

  it('removes a condition and clears all', () => {
    const onApply = renderBuilder()
    fireEvent.click(screen.getByTestId('filter-add'))
    expect(screen.getAllByTestId('filter-row')).toHaveLength(2)
    fireEvent.click(screen.getByTestId('filter-remove-0'))
    expect(screen.getAllByTestId('filter-row')).toHaveLength(1)
    fireEvent.click(screen.getByTestId('filter-clear'))
    expect(onApply).toHaveBeenCalledWith([])
    expect(screen.queryAllByTestId('filter-row')).toHaveLength(0)
  })

  it('shows Turkish labels from the metadata in Turkish', () => {
    renderBuilder(vi.fn(), 'tr')
    expect(within(screen.getByTestId('filter-field-0')).getByRole('option', { name: 'Şirket › Şirket adı' })).toBeTruthy()
    expect(within(screen.getByTestId('filter-operator-0')).getByRole('option', { name: 'içerir' })).toBeTruthy()
  })
})

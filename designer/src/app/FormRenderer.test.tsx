import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Metadata } from '../api/types'
import { I18nContext, makeI18n } from '../lib/i18n'
import { mainForm } from '../lib/model'
import { form, metadata, person } from '../test/fixtures'
import { FormRenderer } from './FormRenderer'

afterEach(cleanup)

function Harness({ errors = {}, initial = {}, onChange = vi.fn(), model = metadata, language = 'en' as 'en' | 'tr' }) {
  const [values, setValues] = useState<Record<string, unknown>>(initial)
  return (
    <I18nContext.Provider value={makeI18n(language)}>
      <FormRenderer metadata={model} entity={model.entities[1]} form={mainForm(model, model.entities[1])} values={values} errors={errors}
        users={new Map()} onChange={(name, value) => { onChange(name, value); setValues((v) => ({ ...v, [name]: value })) }} />
    </I18nContext.Provider>
  )
}

describe('FormRenderer', () => {
  it('renders the layout: tabs, titled sections in their columns, labelled fields, retired fields left out', () => {
    render(<Harness />)
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['General', 'Details'])
    const identity = screen.getByTestId('section-identity')
    expect(within(identity).getByRole('heading').textContent).toBe('Identity')
    expect(identity.querySelector('.grid')!.className).toContain('cols-2')
    expect(screen.getByLabelText(/First name/)).toBe(screen.getByTestId('field-first_name'))
    expect(screen.queryByTestId('field-old_field')).toBeNull()
    expect(screen.queryByTestId('field-nps')).toBeNull()

    fireEvent.click(screen.getByRole('tab', { name: 'Details' }))
    expect(screen.getByTestId('section-value').querySelector('.grid')!.className).toContain('cols-3')
    expect(screen.getByTestId('field-nps')).toBeTruthy()
    expect(screen.queryByTestId('field-first_name')).toBeNull()
  })

  it('gives every field type its editor', () => {
    render(<Harness initial={{ segment: 'gold', tags: ['vip'], company: { id: 'c1', name: 'Anadolu Gıda' }, birth_date: '1990-05-17' }} />)
    expect(screen.getByTestId('field-birth_date').getAttribute('type')).toBe('date')
    expect((screen.getByTestId('field-birth_date') as HTMLInputElement).value).toBe('1990-05-17')
    const segment = screen.getByTestId('field-segment') as HTMLSelectElement
    expect(segment.value).toBe('gold')
    expect(within(segment).getByRole('option', { name: 'Gold' })).toBeTruthy()
    const tags = screen.getByTestId('field-tags')
    expect(within(tags).getByRole('button', { name: 'VIP' }).getAttribute('aria-pressed')).toBe('true')
    expect(within(tags).getByRole('button', { name: 'Online' }).getAttribute('aria-pressed')).toBe('false')
    const company = screen.getByTestId('field-company') as HTMLInputElement
    expect(company.getAttribute('role')).toBe('combobox')
    expect(company.value).toBe('Anadolu Gıda')
    fireEvent.click(screen.getByRole('tab', { name: 'Details' }))
    expect(screen.getByTestId('field-lifetime_value').closest('.affix')!.textContent).toContain('₺')
  })

  it('reports edits by field name with the editor value', () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} initial={{ tags: ['vip'] }} />)
    fireEvent.change(screen.getByTestId('field-last_name'), { target: { value: 'Öztürk' } })
    fireEvent.change(screen.getByTestId('field-segment'), { target: { value: 'standard' } })
    fireEvent.click(within(screen.getByTestId('field-tags')).getByRole('button', { name: 'Online' }))
    expect(onChange.mock.calls).toEqual([['last_name', 'Öztürk'], ['segment', 'standard'], ['tags', ['vip', 'online']]])
  })

  it('shows an error under its field, marks the editor invalid and opens the tab that holds it', () => {
    render(<Harness errors={{ nps: 'The value must be at most 10.', first_name: 'Required' }} />)
    expect(screen.getByTestId('error-first_name').textContent).toBe('Required')
    expect(screen.getByTestId('field-first_name').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByTestId('field-last_name').getAttribute('aria-invalid')).toBe('false')

    cleanup()
    render(<Harness errors={{ nps: 'The value must be at most 10.' }} />)
    expect(screen.getByRole('tab', { name: 'Details' }).getAttribute('aria-selected')).toBe('true')
    expect(screen.getByTestId('error-nps').textContent).toBe('The value must be at most 10.')
  })

  it('puts a field published after the form was designed in a last section, with its Turkish label', () => {
    const model: Metadata = {
      ...metadata,
      entities: [metadata.entities[0], { ...person, fields: [...person.fields, { name: 'loyalty', type: 'text', label: { en: 'Loyalty', tr: 'Sadakat' } }] }],
      forms: [form],
    }
    render(<Harness model={model} language="tr" />)
    expect(screen.getByTestId('section-more').textContent).toContain('Sadakat')
    expect(screen.getByRole('tab', { name: 'Genel' })).toBeTruthy()
  })
})

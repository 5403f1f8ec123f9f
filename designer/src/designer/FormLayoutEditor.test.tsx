import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import type { FormDefinition } from '../api/types'
import { I18nContext, makeI18n } from '../lib/i18n'
import { form as sampleForm, person } from '../test/fixtures'
import { FormLayoutEditor } from './FormLayoutEditor'
import type { DesignEntity, DocumentError } from './types'

afterEach(cleanup)

let latest: FormDefinition

function Harness({ errors = [], focus = null }: { errors?: DocumentError[]; focus?: string | null }) {
  const [form, setForm] = useState<FormDefinition>(sampleForm)
  latest = form
  return (
    <I18nContext.Provider value={makeI18n('en')}>
      <FormLayoutEditor entity={person as DesignEntity} form={form} path="$.forms[0]" errors={errors} focus={focus}
        onChange={(next) => { latest = next; setForm(next) }} />
    </I18nContext.Provider>
  )
}

const fieldsOf = (section: string) => latest.tabs.flatMap((t) => t.sections).find((s) => s.name === section)!.fields
const drag = (source: HTMLElement, target: HTMLElement) => {
  fireEvent.dragStart(source)
  fireEvent.dragOver(target)
  fireEvent.drop(target)
}

describe('FormLayoutEditor', () => {
  it('offers the fields that are on no tab of the form in the palette, retired ones left out', () => {
    render(<Harness />)
    const palette = screen.getByTestId('palette')
    expect(within(palette).getByTestId('palette-code')).toBeTruthy()
    expect(within(palette).queryByTestId('palette-nps')).toBeNull()
    expect(within(palette).queryByTestId('palette-first_name')).toBeNull()
    expect(within(palette).queryByTestId('palette-old_field')).toBeNull()
  })

  it('drags a palette field into a new section, which it leaves the palette for', () => {
    render(<Harness />)
    fireEvent.click(screen.getByTestId('layout-add-section'))
    const section = screen.getByTestId('layout-section-section_1')
    expect(within(section).getByText('Drag fields here')).toBeTruthy()

    drag(screen.getByTestId('palette-code'), section)

    expect(fieldsOf('section_1')).toEqual(['code'])
    expect(within(screen.getByTestId('layout-section-section_1')).getByTestId('layout-field-code')).toBeTruthy()
    expect(screen.queryByTestId('palette-code')).toBeNull()
    expect(latest.tabs[0].sections.map((s) => s.name)).toEqual(['identity', 'section_1'])
  })

  it('reorders by dropping a field on another (it lands before it) and moves fields between sections', () => {
    render(<Harness />)
    drag(screen.getByTestId('layout-field-segment'), screen.getByTestId('layout-field-first_name'))
    expect(fieldsOf('identity').slice(0, 3)).toEqual(['segment', 'first_name', 'last_name'])

    drag(screen.getByTestId('layout-field-first_name'), screen.getByTestId('layout-field-birth_date'))
    expect(fieldsOf('identity').slice(0, 4)).toEqual(['segment', 'last_name', 'first_name', 'birth_date'])

    fireEvent.click(screen.getByTestId('layout-add-section'))
    drag(screen.getByTestId('layout-field-company'), screen.getByTestId('layout-section-section_1'))
    expect(fieldsOf('section_1')).toEqual(['company'])
    expect(fieldsOf('identity')).not.toContain('company')
  })

  it('takes a field off the form when it is dropped on the palette or removed with its button', () => {
    render(<Harness />)
    drag(screen.getByTestId('layout-field-tags'), screen.getByTestId('palette'))
    expect(fieldsOf('identity')).not.toContain('tags')
    expect(screen.getByTestId('palette-tags')).toBeTruthy()

    fireEvent.click(screen.getByTestId('layout-remove-company'))
    expect(fieldsOf('identity')).not.toContain('company')
  })

  it('adds, renames and removes tabs and sections, and sets a section to 1–3 columns', () => {
    render(<Harness />)
    fireEvent.click(screen.getByTestId('layout-add-tab'))
    expect(latest.tabs.map((t) => t.name)).toEqual(['general', 'details', 'tab_1'])
    expect(screen.getByTestId('layout-tab-tab_1').getAttribute('aria-selected')).toBe('true')
    fireEvent.change(screen.getByTestId('tab-label-en'), { target: { value: 'Loyalty' } })
    fireEvent.change(screen.getByTestId('tab-label-tr'), { target: { value: 'Sadakat' } })
    expect(latest.tabs[2].label).toEqual({ tr: 'Sadakat', en: 'Loyalty' })
    expect(screen.getByTestId('layout-tab-tab_1').textContent).toBe('Loyalty')

    const section = latest.tabs[2].sections[0].name
    fireEvent.change(screen.getByTestId(`section-label-${section}`), { target: { value: 'Programme' } })
    fireEvent.click(screen.getByTestId(`section-columns-${section}-3`))
    expect(latest.tabs[2].sections[0]).toMatchObject({ label: { en: 'Programme' }, columns: 3 })
    expect(screen.getByTestId(`layout-section-${section}`).querySelector('.layout-grid')!.className).toContain('cols-3')

    fireEvent.click(screen.getByTestId(`section-remove-${section}`))
    expect(latest.tabs[2].sections).toEqual([])
    fireEvent.click(screen.getByTestId('layout-remove-tab'))
    expect(latest.tabs.map((t) => t.name)).toEqual(['general', 'details'])
  })

  it('shows a publish error on the field it names and highlights the element an error link points at', () => {
    const path = '$.forms[0].tabs[0].sections[0].fields[1]'
    render(<Harness errors={[{ path, code: 'duplicateField', message: "'last_name' is already on this form." }]} focus={path} />)
    const chip = screen.getByTestId('layout-field-last_name')
    expect(within(chip).getByTestId('element-error').textContent).toBe("'last_name' is already on this form.")
    expect(chip.className).toContain('focused')
    expect(screen.getByTestId('layout-field-first_name').className).not.toContain('focused')
  })
})

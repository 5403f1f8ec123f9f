import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import type { FormDefinition } from '../api/types'
import { I18nContext, makeI18n } from '../lib/i18n'
import { RelatedListsEditor } from './RelatedListsEditor'
import type { DesignEntity, DocumentError } from './types'

afterEach(cleanup)

const company = { name: 'company', label: { en: 'Company' }, fields: [{ name: 'name', type: 'text' }] } as unknown as DesignEntity
const entities = [
  company,
  { name: 'person', label: { en: 'Person' }, pluralLabel: { en: 'People' }, fields: [
    { name: 'company', type: 'lookup', target: 'company', label: { en: 'Employer' } },
    { name: 'former_company', type: 'lookup', target: 'company', label: { en: 'Former employer' } },
    { name: 'old', type: 'lookup', target: 'company', retired: true }] },
  { name: 'opportunity', label: { en: 'Opportunity' }, fields: [{ name: 'account', type: 'lookup', target: 'company', label: { en: 'Account' } }] },
  { name: 'note', label: { en: 'Note' }, fields: [{ name: 'person', type: 'lookup', target: 'person' }] },
] as unknown as DesignEntity[]

const start: FormDefinition = {
  name: 'company_main', entity: 'company', tabs: [{ name: 'general', sections: [{ name: 'main', fields: ['name'] }] }],
  relatedLists: [{ entity: 'person', field: 'company', label: { en: 'Staff' }, x_kept: 1 } as never],
}

let latest: FormDefinition

function Harness({ errors = [] }: { errors?: DocumentError[] }) {
  const [form, setForm] = useState(structuredClone(start))
  latest = form
  return (
    <I18nContext.Provider value={makeI18n('en')}>
      <RelatedListsEditor entity={company} entities={entities} form={form} path="$.forms[0]" errors={errors} focus={null}
        onChange={(next) => { latest = next; setForm(next) }} />
    </I18nContext.Provider>
  )
}

describe('RelatedListsEditor', () => {
  it('offers every live lookup to the entity that is not listed yet, and adds, orders, labels and removes lists', () => {
    render(<Harness />)
    const add = screen.getByTestId('related-add') as HTMLSelectElement
    expect([...add.options].map((o) => o.value).filter(Boolean)).toEqual(['person.former_company', 'opportunity.account'])

    fireEvent.change(add, { target: { value: 'opportunity.account' } })
    expect(latest.relatedLists!.map((r) => `${r.entity}.${r.field}`)).toEqual(['person.company', 'opportunity.account'])

    fireEvent.click(screen.getByTestId('related-up-opportunity.account'))
    expect(latest.relatedLists!.map((r) => r.entity)).toEqual(['opportunity', 'person'])
    expect((latest.relatedLists![1] as unknown as { x_kept: number }).x_kept).toBe(1)

    fireEvent.change(screen.getByTestId('related-label-opportunity.account-tr'), { target: { value: 'Fırsatlar' } })
    expect(latest.relatedLists![0].label).toEqual({ tr: 'Fırsatlar' })
    fireEvent.change(screen.getByTestId('related-label-opportunity.account-tr'), { target: { value: '' } })
    expect('label' in latest.relatedLists![0]).toBe(false)

    fireEvent.click(screen.getByTestId('related-remove-person.company'))
    fireEvent.click(screen.getByTestId('related-remove-opportunity.account'))
    expect('relatedLists' in latest).toBe(false)
    expect(screen.getByTestId('related-lists-empty')).toBeTruthy()
  })

  it('shows a publish error on the list it names', () => {
    render(<Harness errors={[{ path: '$.forms[0].relatedLists[0].field', code: 'invalidRelatedField', message: "'company' is not a lookup" }]} />)
    const row = screen.getByTestId('related-list-person.company')
    expect(within(row).getByTestId('element-error').textContent).toContain('is not a lookup')
  })
})

import { describe, expect, it } from 'vitest'
import { metadata, person } from '../test/fixtures'
import { conditionText, filterFields, operatorsFor, toFilter } from './filters'

const fields = filterFields(metadata, person)
const field = (path: string) => fields.find((f) => f.path === path)!.field

describe('filter model', () => {
  it('offers the operators that make sense for each field type', () => {
    expect(operatorsFor(field('last_name'))).toContain('contains')
    expect(operatorsFor(field('nps'))).toEqual(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'null', 'notnull'])
    expect(operatorsFor(field('segment'))).not.toContain('contains')
    expect(operatorsFor(field('tags'))[0]).toBe('has')
  })

  it('reaches the fields of lookup targets through paths, and leaves retired fields out', () => {
    const paths = fields.map((f) => f.path)
    expect(paths).toContain('company/name')
    expect(paths).toContain('company/city')
    expect(paths).not.toContain('company/notes')
    expect(paths).not.toContain('old_field')
    expect(fields.find((f) => f.path === 'company/name')!.via!.name).toBe('company')
  })

  it('writes conditions as $filter text with literals quoted by type', () => {
    expect(conditionText({ path: 'company/name', operator: 'contains', value: "O'Neil" }, field('company/name'))).toBe("contains(company/name, 'O''Neil')")
    expect(conditionText({ path: 'nps', operator: 'ge', value: '7' }, field('nps'))).toBe('nps ge 7')
    expect(conditionText({ path: 'birth_date', operator: 'lt', value: '1990-01-01' }, field('birth_date'))).toBe('birth_date lt 1990-01-01')
    expect(conditionText({ path: 'tags', operator: 'has', value: 'vip' }, field('tags'))).toBe("tags has 'vip'")
    expect(conditionText({ path: 'segment', operator: 'null', value: '' }, field('segment'))).toBe('segment eq null')
    expect(conditionText({ path: 'last_name', operator: 'eq', value: '  ' }, field('last_name'))).toBeNull()
  })

  it('joins complete conditions with and, inside the view filter', () => {
    const text = toFilter(
      [{ path: 'segment', operator: 'eq', value: 'gold' }, { path: 'nps', operator: 'gt', value: '' }, { path: 'city', operator: 'eq', value: 'x' }],
      fields, "last_name ne 'X' or nps eq 1")
    expect(text).toBe("(last_name ne 'X' or nps eq 1) and segment eq 'gold'")
  })
})

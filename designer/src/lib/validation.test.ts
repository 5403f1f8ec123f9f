import { describe, expect, it } from 'vitest'
import { person } from '../test/fixtures'
import { makeI18n } from './i18n'
import { toApiValue, validateField } from './validation'

const i18n = makeI18n('en')
const field = (name: string) => person.fields.find((f) => f.name === name)!

describe('client validation mirrors the server', () => {
  it('checks required, length, pattern and range', () => {
    expect(validateField(field('last_name'), '', i18n)).toBe('This field is required.')
    expect(validateField(field('first_name'), 'Mehmet', i18n)).toBe('At most 5 characters.')
    expect(validateField(field('code'), 'abc', i18n)).toBe('The value does not have the expected format.')
    expect(validateField(field('code'), 'ABC', i18n)).toBeNull()
    expect(validateField(field('nps'), '11', i18n)).toBe('At most 10.')
    expect(validateField(field('nps'), '7.5', i18n)).toBe('Enter a number.')
    expect(validateField(field('nps'), '', i18n)).toBeNull()
  })

  it('sends numbers as numbers and empty values as null', () => {
    expect(toApiValue(field('lifetime_value'), '1250,50')).toBe(1250.5)
    expect(toApiValue(field('segment'), '')).toBeNull()
    expect(toApiValue(field('tags'), [])).toEqual([])
  })
})

import type { Metadata } from '../api/types'

/** A small model in the shape of the sample: person with a company lookup, option sets and a two-tab form. */
export const metadata: Metadata = {
  version: 3,
  settings: { defaultLanguage: 'tr', languages: ['tr', 'en'] },
  entities: [
    {
      name: 'company', label: { en: 'Company', tr: 'Şirket' }, primaryField: 'name', module: 'sales',
      fields: [
        { name: 'name', type: 'text', label: { en: 'Company name', tr: 'Şirket adı' }, required: true },
        { name: 'city', type: 'text', label: { en: 'City', tr: 'Şehir' } },
        { name: 'notes', type: 'textarea', label: { en: 'Notes', tr: 'Notlar' } },
      ],
    },
    {
      name: 'person', label: { en: 'Person', tr: 'Kişi' }, pluralLabel: { en: 'People', tr: 'Kişiler' }, primaryField: 'last_name', module: 'sales',
      fields: [
        { name: 'first_name', type: 'text', label: { en: 'First name', tr: 'Ad' }, required: true, maxLength: 5 },
        { name: 'last_name', type: 'text', label: { en: 'Last name', tr: 'Soyad' }, required: true },
        { name: 'code', type: 'text', label: { en: 'Code', tr: 'Kod' }, pattern: '^[A-Z]{3}$' },
        { name: 'birth_date', type: 'date', label: { en: 'Birth date', tr: 'Doğum tarihi' } },
        {
          name: 'segment', type: 'choice', label: { en: 'Segment', tr: 'Segment' },
          options: [{ value: 'gold', label: { en: 'Gold', tr: 'Altın' }, color: '#d4a017' }, { value: 'standard', label: { en: 'Standard', tr: 'Standart' } }],
        },
        {
          name: 'tags', type: 'multiChoice', label: { en: 'Tags', tr: 'Etiketler' },
          options: [{ value: 'vip', label: { en: 'VIP', tr: 'VIP' }, color: '#8e24aa' }, { value: 'online', label: { en: 'Online', tr: 'Çevrimiçi' } }],
        },
        { name: 'company', type: 'lookup', target: 'company', label: { en: 'Company', tr: 'Şirket' } },
        { name: 'lifetime_value', type: 'currency', label: { en: 'Lifetime value', tr: 'Yaşam boyu değer' } },
        { name: 'nps', type: 'integer', label: { en: 'NPS', tr: 'NPS' }, min: 0, max: 10 },
        { name: 'old_field', type: 'text', label: { en: 'Old', tr: 'Eski' }, retired: true },
      ],
    },
  ],
  forms: [
    {
      name: 'person_main', entity: 'person', label: { en: 'Person form', tr: 'Kişi formu' },
      tabs: [
        {
          name: 'general', label: { en: 'General', tr: 'Genel' },
          sections: [
            { name: 'identity', label: { en: 'Identity', tr: 'Kimlik' }, columns: 2, fields: ['first_name', 'last_name', 'birth_date', 'segment', 'company', 'tags', 'old_field'] },
          ],
        },
        {
          name: 'details', label: { en: 'Details', tr: 'Ayrıntılar' },
          sections: [{ name: 'value', label: { en: 'Value', tr: 'Değer' }, columns: 3, fields: ['lifetime_value', 'nps'] }],
        },
      ],
    },
  ],
  views: [{ name: 'person_all', entity: 'person', columns: ['first_name', 'last_name', 'company/name'], sort: 'last_name asc', default: true }],
}

export const person = metadata.entities[1]
export const form = metadata.forms![0]

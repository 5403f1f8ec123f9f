// UI language (tr or en, persisted) and the UI's own strings; metadata labels come from the model in that language.
import { createContext, useContext } from 'react'
import type { LocalizedText } from '../api/types'

export type Language = 'tr' | 'en'

const strings = {
  en: {
    signIn: 'Sign in', username: 'Username', password: 'Password', signInTitle: 'Sign in to your workspace',
    signInLead: 'Customers, pipeline and service in one place.', signOut: 'Sign out', language: 'Language',
    modules_marketing: 'Marketing', modules_sales: 'Sales', modules_service: 'Service', modules_settings: 'Settings',
    myTasks: 'My tasks', home: 'Home', search: 'Search…', new: 'New', filter: 'Filter', addCondition: 'Add condition',
    apply: 'Apply', clear: 'Clear', field: 'Field', operator: 'Operator', value: 'Value', remove: 'Remove',
    export: 'Export CSV', records: 'records', of: 'of', previous: 'Previous', next: 'Next', selected: 'selected',
    bulkUpdate: 'Update field', bulkDelete: 'Delete', assign: 'Assign to', cancel: 'Cancel', save: 'Save', saving: 'Saving…',
    saved: 'Saved', loading: 'Loading…', empty: 'Nothing here yet.', emptyFiltered: 'No records match these filters.',
    retry: 'Retry', back: 'Back', details: 'Details', related: 'Related', timeline: 'Timeline', all: 'All',
    noteQuick: 'Note', taskQuick: 'Task', activityQuick: 'Activity', add: 'Add', subject: 'Subject', dueDate: 'Due date',
    overdue: 'Overdue', today: 'Due today', upcoming: 'Upcoming', complete: 'Complete', noTasks: 'No open tasks. Well done.',
    required: 'This field is required.', tooLong: 'At most {n} characters.', tooSmall: 'At least {n}.', tooLarge: 'At most {n}.',
    badPattern: 'The value does not have the expected format.', notNumber: 'Enter a number.', fixErrors: 'Please fix the highlighted fields.',
    conflictTitle: 'Someone else changed this record', conflictText: 'It was saved by someone else after you opened it. Reload to see their changes (yours are lost), or overwrite theirs with yours.',
    reload: 'Reload', overwrite: 'Overwrite', deleteConfirm: 'Delete {n} records?', confirm: 'Confirm', typeToSearch: 'Type to search…',
    noMatches: 'No matches', yes: 'Yes', no: 'No', none: '—', updated: 'Updated {n} records', deleted: 'Deleted {n} records',
    keyFields: 'Key fields', tags: 'Tags', newRecord: 'New {entity}', pageOf: 'Page {p} of {n}', newVersion: 'The model was updated',
    operators_eq: 'is', operators_ne: 'is not', operators_contains: 'contains', operators_startswith: 'starts with',
    operators_gt: 'greater than', operators_lt: 'less than', operators_ge: 'at least', operators_le: 'at most',
    operators_null: 'is empty', operators_notnull: 'is not empty', operators_has: 'includes', operators_true: 'is yes', operators_false: 'is no',
    kind_activity: 'Activities', kind_note: 'Notes', kind_task: 'Tasks', kind_message: 'Messages', kind_event: 'Events',
    progress: '{done} of {n} done', error: 'Something went wrong', views: 'Views', saveView: 'Save view', viewName: 'View name',
    myViews: 'My views', sharedViews: 'Shared with me', sharing: 'Who sees it', sharedPrivate: 'Only me', sharedTeam: 'My team',
    sharedEveryone: 'Everyone', deleteView: 'Delete view', viewDeleted: 'View deleted', viewsMoved: 'Your saved views now follow you to any browser',
    overview: 'Overview', open: 'Open', close: 'Close', completed: 'Completed',
  },
  tr: {
    signIn: 'Giriş yap', username: 'Kullanıcı adı', password: 'Parola', signInTitle: 'Çalışma alanınıza giriş yapın',
    signInLead: 'Müşteriler, satış hunisi ve hizmet tek yerde.', signOut: 'Çıkış yap', language: 'Dil',
    modules_marketing: 'Pazarlama', modules_sales: 'Satış', modules_service: 'Hizmet', modules_settings: 'Ayarlar',
    myTasks: 'Görevlerim', home: 'Ana sayfa', search: 'Ara…', new: 'Yeni', filter: 'Filtre', addCondition: 'Koşul ekle',
    apply: 'Uygula', clear: 'Temizle', field: 'Alan', operator: 'İşleç', value: 'Değer', remove: 'Kaldır',
    export: 'CSV dışa aktar', records: 'kayıt', of: '/', previous: 'Önceki', next: 'Sonraki', selected: 'seçili',
    bulkUpdate: 'Alanı güncelle', bulkDelete: 'Sil', assign: 'Ata', cancel: 'Vazgeç', save: 'Kaydet', saving: 'Kaydediliyor…',
    saved: 'Kaydedildi', loading: 'Yükleniyor…', empty: 'Henüz kayıt yok.', emptyFiltered: 'Bu filtrelere uyan kayıt yok.',
    retry: 'Yeniden dene', back: 'Geri', details: 'Ayrıntılar', related: 'İlgili kayıtlar', timeline: 'Zaman çizelgesi', all: 'Tümü',
    noteQuick: 'Not', taskQuick: 'Görev', activityQuick: 'Aktivite', add: 'Ekle', subject: 'Konu', dueDate: 'Son tarih',
    overdue: 'Gecikmiş', today: 'Bugün', upcoming: 'Yaklaşan', complete: 'Tamamla', noTasks: 'Açık görev yok. Tebrikler.',
    required: 'Bu alan zorunludur.', tooLong: 'En fazla {n} karakter.', tooSmall: 'En az {n}.', tooLarge: 'En fazla {n}.',
    badPattern: 'Değer beklenen biçimde değil.', notNumber: 'Bir sayı girin.', fixErrors: 'Lütfen işaretli alanları düzeltin.',
    conflictTitle: 'Kaydı başka biri değiştirdi', conflictText: 'Siz açtıktan sonra başka biri kaydetti. Onların değişikliklerini görmek için yenileyin (sizinkiler kaybolur) ya da sizinkilerle üzerine yazın.',
    reload: 'Yenile', overwrite: 'Üzerine yaz', deleteConfirm: '{n} kayıt silinsin mi?', confirm: 'Onayla', typeToSearch: 'Aramak için yazın…',
    noMatches: 'Sonuç yok', yes: 'Evet', no: 'Hayır', none: '—', updated: '{n} kayıt güncellendi', deleted: '{n} kayıt silindi',
    keyFields: 'Temel bilgiler', tags: 'Etiketler', newRecord: 'Yeni {entity}', pageOf: 'Sayfa {p} / {n}', newVersion: 'Model güncellendi',
    operators_eq: 'eşittir', operators_ne: 'eşit değildir', operators_contains: 'içerir', operators_startswith: 'ile başlar',
    operators_gt: 'büyüktür', operators_lt: 'küçüktür', operators_ge: 'en az', operators_le: 'en fazla',
    operators_null: 'boş', operators_notnull: 'boş değil', operators_has: 'içerir', operators_true: 'evet', operators_false: 'hayır',
    kind_activity: 'Aktiviteler', kind_note: 'Notlar', kind_task: 'Görevler', kind_message: 'Mesajlar', kind_event: 'Olaylar',
    progress: '{done} / {n} tamamlandı', error: 'Bir sorun oluştu', views: 'Görünümler', saveView: 'Görünümü kaydet', viewName: 'Görünüm adı',
    myViews: 'Görünümlerim', sharedViews: 'Benimle paylaşılanlar', sharing: 'Kim görür', sharedPrivate: 'Yalnızca ben', sharedTeam: 'Ekibim',
    sharedEveryone: 'Herkes', deleteView: 'Görünümü sil', viewDeleted: 'Görünüm silindi', viewsMoved: 'Kayıtlı görünümleriniz artık her tarayıcıda sizinle',
    overview: 'Genel bakış', open: 'Aç', close: 'Kapat', completed: 'Tamamlandı',
  },
} satisfies Record<Language, Record<string, string>>

export type StringKey = keyof (typeof strings)['en']

export interface I18n {
  language: Language
  t: (key: StringKey, values?: Record<string, string | number>) => string
  label: (text: LocalizedText | undefined, fallback?: string) => string
  locale: string
}

export function makeI18n(language: Language): I18n {
  return {
    language,
    locale: language === 'tr' ? 'tr-TR' : 'en-GB',
    t: (key, values) => {
      let text: string = strings[language][key] ?? strings.en[key] ?? key
      for (const [name, value] of Object.entries(values ?? {})) text = text.replace(`{${name}}`, String(value))
      return text
    },
    label: (text, fallback = '') => text?.[language] ?? text?.en ?? text?.tr ?? (text ? Object.values(text)[0] : undefined) ?? fallback,
  }
}

export const I18nContext = createContext<I18n>(makeI18n('en'))

export function useI18n(): I18n {
  return useContext(I18nContext)
}

const languageKey = 'nocodecrm.language'

export function storedLanguage(): Language | null {
  const value = localStorage.getItem(languageKey)
  return value === 'tr' || value === 'en' ? value : null
}

export function storeLanguage(language: Language): void {
  localStorage.setItem(languageKey, language)
}

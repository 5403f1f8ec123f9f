import type { FieldType } from '../api/types'
import { useI18n } from '../lib/i18n'
import { defaultTypes, fieldTypes, lengthTypes, namePattern, numberTypes, optionTypes, searchableTypes, uniqueTypes } from './catalog'
import { errorsUnder, useDesigner } from './DesignerContext'
import { LocalizedInput } from './LocalizedInput'
import { OptionSetEditor } from './OptionSetEditor'
import type { DesignField, OnDelete } from './types'
import { useText } from './useText'
import { whereUsed } from './whereUsed'

interface Props {
  entityIndex: number
  fieldIndex: number
  onClose: () => void
}

const numberOrUndefined = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text))

/** Every setting of one field by its type, where the field is used, and retiring it. */
export function FieldPanel({ entityIndex, fieldIndex, onClose }: Props) {
  const { document, update, errors, live, go } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const entity = document.entities[entityIndex]
  const field = entity.fields[fieldIndex]
  const path = `$.entities[${entityIndex}].fields[${fieldIndex}]`
  // A second field with a published field's name is new (and an error), not that field.
  const published = entity.fields.findIndex((f) => f.name === field.name) === fieldIndex
    ? live.entities.find((e) => e.name === entity.name)?.fields.find((f) => f.name === field.name) : undefined
  const problems = errorsUnder(errors, path)
  const usages = whereUsed(document, entity.name, field.name)

  const set = (change: Partial<DesignField>) => update((doc) => {
    const target = doc.entities[entityIndex].fields[fieldIndex]
    Object.assign(target, change)
    for (const [key, value] of Object.entries(change)) if (key !== 'name' && (value === undefined || value === false || value === '')) delete target[key]
  })
  const check = (key: 'required' | 'unique' | 'searchable', text: string) => (
    <label className="check-row">
      <input type="checkbox" checked={field[key] === true} data-testid={`field-opt-${key}`} onChange={(e) => set({ [key]: e.target.checked })} />
      {text}
    </label>
  )
  const kinds: Record<string, string> = {
    form: tx('Form', 'Form'), view: tx('List view', 'Liste görünümü'), pipeline: tx('Pipeline', 'Satış hunisi'),
    automation: tx('Automation rule', 'Otomasyon kuralı'), template: tx('Template', 'Şablon'), relatedList: tx('Related list', 'İlgili liste'),
  }

  return (
    <aside className="card stack field-panel" data-testid="field-panel" aria-label={tx('Field settings', 'Alan ayarları')}>
      <div className="card-head">
        <h3>{i18n.label(field.label, field.name)}</h3>
        <button type="button" className="icon" aria-label={i18n.t('close')} data-testid="field-panel-close" onClick={onClose}>×</button>
      </div>
      {problems.map((p) => <p key={p.path + p.message} className="alert error" data-testid="element-error">{p.message}</p>)}
      <label className="field-row">{tx('API name', 'API adı')}
        <input value={field.name} disabled={Boolean(published)} data-testid="field-opt-name" aria-invalid={!namePattern.test(field.name)}
          onChange={(e) => set({ name: e.target.value })} />
        {published && <span className="help">{tx('Published: the name is the column and cannot change.', 'Yayınlandı: ad sütundur, değişmez.')}</span>}
      </label>
      <label className="field-row">{tx('Type', 'Tür')}
        <select value={field.type} data-testid="field-opt-type" onChange={(e) => set(retype(field, e.target.value as FieldType))}>
          {fieldTypes.map((t) => <option key={t.type} value={t.type}>{i18n.language === 'tr' ? t.tr : t.en}</option>)}
        </select>
        {published && published.type !== field.type && (
          <span className="alert warning small" data-testid="type-change-warning">
            {tx('Existing values are converted when you publish. Review & publish shows the rows that would not convert.',
              'Yayınlarken mevcut değerler dönüştürülür. Gözden geçir ve yayınla, dönüşemeyecek satırları gösterir.')}
          </span>
        )}
      </label>
      <LocalizedInput label={tx('Label', 'Etiket')} value={field.label} testId="field-opt-label" onChange={(v) => set({ label: v })} />
      <LocalizedInput label={tx('Help text', 'Yardım metni')} value={field.helpText} testId="field-opt-help" onChange={(v) => set({ helpText: v })} />
      <div className="checks">
        {check('required', tx('Required', 'Zorunlu'))}
        {uniqueTypes.includes(field.type) && check('unique', tx('Unique (no two records share a value)', 'Benzersiz (iki kayıt aynı değeri taşıyamaz)'))}
        {searchableTypes.includes(field.type) && check('searchable', tx('Searchable (quick search finds it)', 'Aranabilir (hızlı arama bulur)'))}
      </div>
      {numberTypes.includes(field.type) && (
        <div className="pair">
          <label className="field-row">{tx('Minimum', 'En az')}<input inputMode="decimal" value={field.min ?? ''} data-testid="field-opt-min" onChange={(e) => set({ min: numberOrUndefined(e.target.value) })} /></label>
          <label className="field-row">{tx('Maximum', 'En çok')}<input inputMode="decimal" value={field.max ?? ''} data-testid="field-opt-max" onChange={(e) => set({ max: numberOrUndefined(e.target.value) })} /></label>
          {field.type !== 'integer' && <label className="field-row">{tx('Decimals', 'Ondalık basamak')}<input inputMode="numeric" value={field.scale ?? ''} onChange={(e) => set({ scale: numberOrUndefined(e.target.value) })} /></label>}
        </div>
      )}
      {lengthTypes.includes(field.type) && (
        <div className="pair">
          <label className="field-row">{tx('Maximum length', 'En fazla uzunluk')}<input inputMode="numeric" value={field.maxLength ?? ''} data-testid="field-opt-maxLength" onChange={(e) => set({ maxLength: numberOrUndefined(e.target.value) })} /></label>
          {field.type === 'text' && (
            <label className="field-row">{tx('Pattern (regular expression)', 'Desen (düzenli ifade)')}
              <input value={field.pattern ?? ''} placeholder="^[A-Z]{3}-\d+$" data-testid="field-opt-pattern" onChange={(e) => set({ pattern: e.target.value || undefined })} />
            </label>
          )}
        </div>
      )}
      {optionTypes.includes(field.type) && (
        <div className="field-row"><span>{tx('Options', 'Seçenekler')}</span>
          <OptionSetEditor options={field.options ?? []} onChange={(options) => update((doc) => { doc.entities[entityIndex].fields[fieldIndex].options = options })} />
        </div>
      )}
      {field.type === 'lookup' && (
        <div className="pair">
          <label className="field-row">{tx('Points at', 'Bağlandığı varlık')}
            <select value={field.target ?? ''} data-testid="field-opt-target" onChange={(e) => set({ target: e.target.value || undefined })}>
              <option value="">—</option>
              {document.entities.filter((e) => !e.retired).map((e) => <option key={e.name} value={e.name}>{i18n.label(e.label, e.name)}</option>)}
            </select>
          </label>
          <label className="field-row">{tx('When that record is deleted', 'O kayıt silinince')}
            <select value={field.onDelete ?? 'restrict'} data-testid="field-opt-onDelete" onChange={(e) => set({ onDelete: e.target.value as OnDelete })}>
              <option value="restrict">{tx('Refuse the deletion', 'Silmeyi reddet')}</option>
              <option value="setNull">{tx('Clear this field', 'Bu alanı boşalt')}</option>
              <option value="cascade">{tx('Delete these records too', 'Bu kayıtları da sil')}</option>
            </select>
          </label>
        </div>
      )}
      {field.type === 'autonumber' && (
        <label className="field-row">{tx('Format', 'Biçim')}<input value={field.format ?? ''} placeholder="SR-{00000}" onChange={(e) => set({ format: e.target.value || undefined })} /></label>
      )}
      {defaultTypes.includes(field.type) && (
        <label className="field-row">{tx('Default for new records', 'Yeni kayıtlar için varsayılan')}
          <DefaultInput field={field} onChange={(value) => set({ default: value })} />
        </label>
      )}
      <div className="where-used" data-testid="where-used">
        <h4>{tx('Where it is used', 'Kullanıldığı yerler')}</h4>
        {usages.length === 0
          ? <p className="subtle">{tx('Not used on any form, view, pipeline, rule or template.', 'Hiçbir formda, görünümde, hunide, kuralda ya da şablonda kullanılmıyor.')}</p>
          : (
            <ul>
              {usages.map((u, k) => (
                <li key={k}>
                  <span className="badge neutral">{kinds[u.kind]}</span>{' '}
                  {u.link ? <a href={u.link} onClick={(e) => { e.preventDefault(); go(u.link!) }}>{u.name}</a> : <span>{u.name}</span>}
                  <span className="subtle"> · {u.detail}</span>
                </li>
              ))}
            </ul>
          )}
      </div>
      <div className="actions">
        {field.retired
          ? <button type="button" data-testid="field-restore" onClick={() => set({ retired: false })}>{tx('Bring back', 'Geri getir')}</button>
          : published
            ? <button type="button" className="danger" data-testid="field-retire" onClick={() => set({ retired: true })}>{tx('Retire (hide, keep the data)', 'Kullanımdan kaldır (gizle, veriyi koru)')}</button>
            : <button type="button" className="danger" data-testid="field-delete" onClick={() => { update((doc) => { doc.entities[entityIndex].fields.splice(fieldIndex, 1) }); onClose() }}>{tx('Remove this new field', 'Bu yeni alanı kaldır')}</button>}
      </div>
    </aside>
  )
}

/** A new type, with the settings that do not apply to it cleared (the server refuses, say, maxLength on a number). */
function retype(field: DesignField, type: FieldType): Partial<DesignField> {
  const change: Partial<DesignField> = { type, default: undefined }
  if (!lengthTypes.includes(type)) change.maxLength = undefined
  if (type !== 'text') change.pattern = undefined
  if (!numberTypes.includes(type)) { change.min = undefined; change.max = undefined; change.scale = undefined }
  if (!optionTypes.includes(type)) change.options = undefined
  else if (!field.options) change.options = []
  if (type !== 'lookup') { change.target = undefined; change.onDelete = undefined }
  if (type !== 'autonumber') change.format = undefined
  if (!uniqueTypes.includes(type)) change.unique = undefined
  if (!searchableTypes.includes(type)) change.searchable = undefined
  return change
}

function DefaultInput({ field, onChange }: { field: DesignField; onChange: (value: unknown) => void }) {
  const tx = useText()
  const i18n = useI18n()
  const value = field.default
  if (field.type === 'boolean')
    return (
      <select value={value === true ? 'true' : value === false ? 'false' : ''} data-testid="field-opt-default" onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}>
        <option value="">{tx('No default', 'Varsayılan yok')}</option><option value="true">{i18n.t('yes')}</option><option value="false">{i18n.t('no')}</option>
      </select>
    )
  if (field.type === 'choice')
    return (
      <select value={typeof value === 'string' ? value : ''} data-testid="field-opt-default" onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{tx('No default', 'Varsayılan yok')}</option>
        {(field.options ?? []).map((o) => <option key={o.value} value={o.value}>{i18n.label(o.label, o.value)}</option>)}
      </select>
    )
  const numeric = numberTypes.includes(field.type)
  return (
    <input type={field.type === 'date' ? 'date' : 'text'} inputMode={numeric ? 'decimal' : undefined} value={value === undefined || value === null ? '' : String(value)}
      data-testid="field-opt-default" onChange={(e) => onChange(e.target.value === '' ? undefined : numeric ? numberOrUndefined(e.target.value) ?? e.target.value : e.target.value)} />
  )
}

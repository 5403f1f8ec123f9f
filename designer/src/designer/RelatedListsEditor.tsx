import type { FormDefinition, FormRelatedList } from '../api/types'
import { useI18n } from '../lib/i18n'
import { errorsUnder, isFocused } from './DesignerContext'
import { LocalizedInput } from './LocalizedInput'
import type { DesignEntity, DocumentError } from './types'
import { useText } from './useText'
import { moveItem } from './moveItem'

interface Props {
  /** The form's entity: related lists show records of other entities whose lookup points at it. */
  entity: DesignEntity
  entities: DesignEntity[]
  form: FormDefinition
  onChange: (form: FormDefinition) => void
  path: string
  errors: DocumentError[]
  focus: string | null
}

const keyOf = (r: { entity: string; field: string }) => `${r.entity}.${r.field}`

/**
 * The lists under a record page (a company's people, its opportunities): every lookup of another entity that targets the form's
 * entity can be one; they are added, ordered, labelled and removed here. Keys the editor does not show stay on each list.
 */
export function RelatedListsEditor({ entity, entities, form, onChange, path, errors, focus }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const lists = form.relatedLists ?? []
  const candidates = entities.filter((e) => !e.retired).flatMap((e) =>
    e.fields.filter((f) => f.type === 'lookup' && f.target === entity.name && !f.retired).map((f) => ({ entity: e, field: f })))
  const unused = candidates.filter((c) => !lists.some((l) => l.entity === c.entity.name && l.field === c.field.name))
  const describe = (list: FormRelatedList) => {
    const other = entities.find((e) => e.name === list.entity)
    const field = other?.fields.find((f) => f.name === list.field)
    const plural = other ? i18n.label(other.pluralLabel ?? other.label, other.name) : list.entity
    return field ? tx(`${plural} by ${i18n.label(field.label, field.name)}`, `${plural} (${i18n.label(field.label, field.name)} alanından)`) : `${plural} (${list.field})`
  }
  const set = (next: FormRelatedList[]) => {
    const copy: FormDefinition = { ...form, relatedLists: next }
    if (next.length === 0) delete copy.relatedLists
    onChange(copy)
  }
  const move = (from: number, to: number) => set(moveItem(lists, from, to))

  return (
    <section className="card stack" data-testid="related-lists-editor">
      <h3>{tx('Related lists under the page', 'Sayfanın altındaki ilişkili listeler')}</h3>
      <p className="subtle">{tx('Records of other entities that point at this one, shown under its record page.', 'Bu kayda bağlanan diğer varlıkların kayıtları, kayıt sayfasının altında gösterilir.')}</p>
      {lists.length === 0 && <p className="subtle" data-testid="related-lists-empty">{tx('No related lists yet.', 'Henüz ilişkili liste yok.')}</p>}
      <ol className="related-lists">
        {lists.map((list, i) => {
          const here = `${path}.relatedLists[${i}]`
          const problems = errorsUnder(errors, here)
          return (
            <li key={keyOf(list)} className={`related-list-row${problems.length ? ' has-error' : ''}${isFocused(focus, here) ? ' focused' : ''}`}
              data-testid={`related-list-${keyOf(list)}`}>
              <div className="related-list-head">
                <strong>{describe(list)}</strong>
                <span className="spacer" />
                <button type="button" className="icon" aria-label={tx('Move up', 'Yukarı taşı')} disabled={i === 0} data-testid={`related-up-${keyOf(list)}`}
                  onClick={() => move(i, i - 1)}>↑</button>
                <button type="button" className="icon" aria-label={tx('Move down', 'Aşağı taşı')} disabled={i === lists.length - 1} data-testid={`related-down-${keyOf(list)}`}
                  onClick={() => move(i, i + 1)}>↓</button>
                <button type="button" className="icon" aria-label={tx('Remove', 'Kaldır')} data-testid={`related-remove-${keyOf(list)}`}
                  onClick={() => set(lists.filter((_, j) => j !== i))}>×</button>
              </div>
              <LocalizedInput label={tx('Title (empty: the entity’s name)', 'Başlık (boş: varlığın adı)')} value={list.label} testId={`related-label-${keyOf(list)}`}
                onChange={(label) => set(lists.map((l, j) => {
                  if (j !== i) return l
                  const copy: FormRelatedList = { ...l, label }
                  if (!label) delete copy.label
                  return copy
                }))} />
              {problems.map((p) => <p key={p.path + p.message} className="field-error" data-testid="element-error">{p.message}</p>)}
            </li>
          )
        })}
      </ol>
      {unused.length > 0 ? (
        <select value="" data-testid="related-add" aria-label={tx('Add a related list', 'İlişkili liste ekle')}
          onChange={(e) => {
            const [name, field] = e.target.value.split('.')
            if (name && field) set([...lists, { entity: name, field }])
          }}>
          <option value="">+ {tx('related list…', 'ilişkili liste…')}</option>
          {unused.map((c) => (
            <option key={`${c.entity.name}.${c.field.name}`} value={`${c.entity.name}.${c.field.name}`}>
              {describe({ entity: c.entity.name, field: c.field.name })}
            </option>
          ))}
        </select>
      ) : (
        <p className="subtle" data-testid="related-none-left">{candidates.length === 0
          ? tx(`No entity has a lookup to ${i18n.label(entity.label, entity.name)} yet.`, `Henüz hiçbir varlıkta ${i18n.label(entity.label, entity.name)} araması yok.`)
          : tx('Every related list is on the page.', 'Tüm ilişkili listeler sayfada.')}</p>
      )}
    </section>
  )
}

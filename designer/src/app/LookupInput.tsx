import { useEffect, useId, useRef, useState } from 'react'
import { api } from '../api/crm'
import type { CrmRecord, EntityDefinition, FieldDefinition } from '../api/types'
import { useI18n } from '../lib/i18n'
import { primaryText } from '../lib/model'

interface Props {
  id: string
  field: FieldDefinition
  target: EntityDefinition | undefined
  value: unknown
  invalid: boolean
  onChange: (value: string | null) => void
}

/** A lookup editor: type to search the target's records, pick one with the mouse or the arrow keys and Enter. */
export function LookupInput({ id, field, target, value, invalid, onChange }: Props) {
  const { t } = useI18n()
  const listId = useId()
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [matches, setMatches] = useState<CrmRecord[]>([])
  const [active, setActive] = useState(0)
  const typed = useRef(false)

  // The record arrives with the lookup expanded ({id, name…}) or as a bare id; either way show its name.
  useEffect(() => {
    if (value && typeof value === 'object') setText(primaryText(target, value as CrmRecord))
    else if (typeof value === 'string' && value && target)
      api.get(target.name, value).then(({ body }) => setText(primaryText(target, body)), () => setText(value))
    else setText('')
  }, [value, target])

  useEffect(() => {
    if (!open || !target || !typed.current) return
    const handle = window.setTimeout(() => {
      const primary = target.primaryField ?? 'id'
      const term = text.trim().replace(/'/g, "''")
      api.query(target.name, { top: 8, orderBy: `${primary} asc`, filter: term ? `contains(${primary}, '${term}')` : undefined })
        .then((page) => { setMatches(page.value); setActive(0) }, () => setMatches([]))
    }, 200)
    return () => window.clearTimeout(handle)
  }, [text, open, target])

  const choose = (record: CrmRecord | null) => {
    typed.current = false
    setOpen(false)
    setText(record ? primaryText(target, record) : '')
    onChange(record ? record.id : null)
  }

  return (
    <div className="lookup">
      <input
        id={id}
        data-testid={`field-${field.name}`}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={invalid}
        autoComplete="off"
        placeholder={t('typeToSearch')}
        value={text}
        onChange={(e) => { typed.current = true; setText(e.target.value); setOpen(true); if (e.target.value === '') onChange(null) }}
        onFocus={() => { typed.current = true; setOpen(true) }}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, matches.length - 1)) }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)) }
          else if (e.key === 'Enter' && open && matches[active]) { e.preventDefault(); choose(matches[active]) }
          else if (e.key === 'Escape') setOpen(false)
        }}
      />
      {open && (
        <ul className="lookup-menu" role="listbox" id={listId}>
          {matches.length === 0 && <li className="muted">{t('noMatches')}</li>}
          {matches.map((record, i) => (
            <li
              key={record.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              data-testid="lookup-option"
              onMouseDown={(e) => { e.preventDefault(); choose(record) }}
            >
              {primaryText(target, record)}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

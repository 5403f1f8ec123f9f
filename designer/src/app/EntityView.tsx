import { useState } from 'react'
import type { EntityDefinition } from '../api/crm'
import { labelOf } from './labels'
import { RecordForm } from './RecordForm'
import { RecordTable } from './RecordTable'

interface Props {
  entity: EntityDefinition
  defaultLanguage?: string
}

export function EntityView({ entity, defaultLanguage }: Props) {
  const [formOpen, setFormOpen] = useState(false)
  const [reloadKey, setReloadKey] = useState(0)

  const created = () => {
    setFormOpen(false)
    setReloadKey((k) => k + 1)
  }

  return (
    <section>
      <header className="entity-header">
        <h2 data-testid="entity-title">{labelOf(entity.pluralLabel ?? entity.label, entity.name, defaultLanguage)}</h2>
        {!formOpen && <button type="button" data-testid="new-record" onClick={() => setFormOpen(true)}>New record</button>}
      </header>
      {formOpen && (
        <RecordForm entity={entity} defaultLanguage={defaultLanguage} onCreated={created} onCancel={() => setFormOpen(false)} />
      )}
      <RecordTable entity={entity} defaultLanguage={defaultLanguage} reloadKey={reloadKey} />
    </section>
  )
}

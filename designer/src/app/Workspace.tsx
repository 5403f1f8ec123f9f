import { useEffect, useState } from 'react'
import { ProblemError } from '../api/client'
import { getMetadata, type EntityDefinition, type Metadata } from '../api/crm'
import { EntityList } from './EntityList'
import { EntityView } from './EntityView'

interface Props {
  onSignOut: () => void
}

/** The signed-in screen: entities on the left, the selected entity's records on the right. */
export function Workspace({ onSignOut }: Props) {
  const [metadata, setMetadata] = useState<Metadata | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)

  useEffect(() => {
    getMetadata().then(setMetadata, (e: unknown) => {
      if (e instanceof ProblemError && e.problem.status === 401) onSignOut()
      else setError(e instanceof Error ? e.message : String(e))
    })
  }, [onSignOut])

  const entities: EntityDefinition[] = metadata?.entities.filter((e) => !e.retired) ?? []
  const entity = entities.find((e) => e.name === selected)
  const defaultLanguage = metadata?.settings?.defaultLanguage

  return (
    <div className="workspace">
      <aside>
        <header>
          <strong>NoCodeCrm</strong>
          <button type="button" className="link" data-testid="sign-out" onClick={onSignOut}>Sign out</button>
        </header>
        {error !== null && <p className="error">{error}</p>}
        <EntityList entities={entities} selected={selected} defaultLanguage={defaultLanguage} onSelect={setSelected} />
      </aside>
      <main>
        {entity === undefined
          ? <p className="hint">Choose an entity.</p>
          : <EntityView key={entity.name} entity={entity} defaultLanguage={defaultLanguage} />}
      </main>
    </div>
  )
}

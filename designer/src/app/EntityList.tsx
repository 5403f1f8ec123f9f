import type { EntityDefinition } from '../api/crm'
import { labelOf } from './labels'

interface Props {
  entities: EntityDefinition[]
  selected: string | null
  defaultLanguage?: string
  onSelect: (name: string) => void
}

export function EntityList({ entities, selected, defaultLanguage, onSelect }: Props) {
  return (
    <nav data-testid="entity-list">
      <ul>
        {entities.map((entity) => (
          <li key={entity.name}>
            <button
              type="button"
              data-testid={`entity-${entity.name}`}
              aria-current={entity.name === selected}
              className={entity.name === selected ? 'selected' : undefined}
              onClick={() => onSelect(entity.name)}
            >
              {labelOf(entity.pluralLabel ?? entity.label, entity.name, defaultLanguage)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

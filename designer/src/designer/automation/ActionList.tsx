import { useRef, useState } from 'react'
import { useI18n } from '../../lib/i18n'
import type { DesignDocument } from '../types'
import { useText } from '../useText'
import { ActionEditor } from './ActionEditor'
import { actionTypes, type Action, type ActionType } from './automationTypes'
import { moveItem } from '../moveItem'

interface Props {
  document: DesignDocument
  entity: string | undefined
  actions: Action[]
  onChange: (actions: Action[]) => void
  testId: string
  depth?: number
}

function blankAction(type: ActionType, entity: string | undefined): Action {
  switch (type) {
    case 'createRecord': return { type, entity: 'task', values: {} }
    case 'updateRecord': return { type, values: {} }
    case 'assignOwner': return { type, users: [] }
    case 'sendMessage': return { type, template: '' }
    case 'webhook': return { type, url: 'https://', timeoutSeconds: 10 }
    case 'wait': return { type, days: 1 }
    case 'branch': return { type, condition: entity ? { all: [] } : undefined, then: [], else: [] }
  }
}

/** The rule's actions in order: drag (or the arrows) to reorder, each with its settings. */
export function ActionList({ document, entity, actions, onChange, testId, depth = 0 }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const dragged = useRef<number | null>(null)
  const [over, setOver] = useState<number | null>(null)
  const move = (from: number, to: number) => onChange(moveItem(actions, from, to))
  return (
    <div className="action-list" data-testid={testId}>
      <ol>
        {actions.map((action, i) => {
          const kind = actionTypes.find((t) => t.type === action.type)
          return (
            <li key={i} className={`action-card${over === i ? ' drop-before' : ''}`} data-testid={`${testId}-${i}`} draggable
              onDragStart={(e) => { e.stopPropagation(); dragged.current = i; e.dataTransfer?.setData('text/plain', String(i)) }}
              onDragOver={(e) => { if (dragged.current === null) return; e.preventDefault(); e.stopPropagation(); setOver(i) }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => { e.preventDefault(); e.stopPropagation(); setOver(null); if (dragged.current !== null && dragged.current !== i) move(dragged.current, i); dragged.current = null }}>
              <div className="action-head">
                <span className="grip" aria-hidden="true">⠿</span>
                <span className="action-number">{i + 1}</span>
                <span className="action-icon" aria-hidden="true">{kind?.icon}</span>
                <strong>{kind ? (i18n.language === 'tr' ? kind.tr : kind.en) : action.type}</strong>
                <span className="spacer" />
                <button type="button" className="icon" aria-label={tx('Move up', 'Yukarı taşı')} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</button>
                <button type="button" className="icon" aria-label={tx('Move down', 'Aşağı taşı')} disabled={i === actions.length - 1} onClick={() => move(i, i + 1)}>↓</button>
                <button type="button" className="icon" aria-label={tx('Remove action', 'Eylemi kaldır')} data-testid={`${testId}-${i}-remove`}
                  onClick={() => onChange(actions.filter((_, j) => j !== i))}>×</button>
              </div>
              <ActionEditor document={document} entity={entity} action={action} depth={depth} testId={`${testId}-${i}`}
                onChange={(a) => onChange(actions.map((x, j) => (j === i ? a : x)))} />
            </li>
          )
        })}
      </ol>
      {actions.length === 0 && <p className="subtle small">{tx('No actions yet: add what the rule should do.', 'Henüz eylem yok: kuralın ne yapacağını ekleyin.')}</p>}
      <select value="" data-testid={`${testId}-add`} aria-label={tx('Add an action', 'Eylem ekle')}
        onChange={(e) => e.target.value && onChange([...actions, blankAction(e.target.value as ActionType, entity)])}>
        <option value="">+ {tx('Add an action…', 'Eylem ekle…')}</option>
        {actionTypes.filter((t) => depth < 2 || t.type !== 'branch').map((t) => <option key={t.type} value={t.type}>{i18n.language === 'tr' ? t.tr : t.en}</option>)}
      </select>
    </div>
  )
}

import type { FilterField } from '../../lib/filters'
import { useText } from '../useText'
import { ComparisonRow } from './ComparisonRow'
import { asGroup, conditionOperators, fromGroup, isComparison, type ConditionNode, type Group, type GroupMode } from './conditionModel'

interface Props {
  fields: FilterField[]
  group: Group
  depth: number
  onChange: (group: Group) => void
  onRemove?: () => void
  testId: string
}

/** One group of conditions: a mode (all / any / none) and its children, comparisons or nested groups. */
export function ConditionGroup({ fields, group, depth, onChange, onRemove, testId }: Props) {
  const tx = useText()
  const setChild = (index: number, child: ConditionNode) => onChange({ ...group, children: group.children.map((c, i) => (i === index ? child : c)) })
  const removeChild = (index: number) => onChange({ ...group, children: group.children.filter((_, i) => i !== index) })
  const first = fields[0]
  const blank = (): ConditionNode => ({ field: first?.path ?? '', operator: first ? conditionOperators(first.field.type, true)[0] : 'eq', value: '' })
  return (
    <div className={`condition-group depth-${depth % 2}`} data-testid={`${testId}-group`}>
      <div className="condition-group-head">
        <label>
          {tx('Match', 'Eşleşme:')}{' '}
          <select value={group.mode} data-testid={`${testId}-mode`} onChange={(e) => onChange({ ...group, mode: e.target.value as GroupMode })}>
            <option value="all">{tx('all of these', 'bunların hepsi')}</option>
            <option value="any">{tx('any of these', 'bunlardan herhangi biri')}</option>
            <option value="none">{tx('none of these', 'bunların hiçbiri')}</option>
          </select>
        </label>
        <span className="spacer" />
        {onRemove && <button type="button" className="link danger-link" onClick={onRemove}>{tx('Remove group', 'Grubu kaldır')}</button>}
      </div>
      {group.children.length === 0 && <p className="subtle small">{tx('No conditions: always true.', 'Koşul yok: her zaman doğru.')}</p>}
      {group.children.map((child, i) => {
        const childId = `${testId}-${i}`
        if (isComparison(child))
          return <ComparisonRow key={i} fields={fields} value={child} onChange={(c) => setChild(i, c)} onRemove={() => removeChild(i)} testId={childId} />
        if ('script' in child)
          return <div key={i} className="condition-row"><code className="mono">{child.script}</code><button type="button" className="icon" onClick={() => removeChild(i)}>×</button></div>
        return <ConditionGroup key={i} fields={fields} group={asGroup(child)} depth={depth + 1} testId={childId}
          onChange={(g) => setChild(i, fromGroup(g))} onRemove={() => removeChild(i)} />
      })}
      <div className="condition-actions">
        <button type="button" className="link" data-testid={`${testId}-add`} onClick={() => onChange({ ...group, children: [...group.children, blank()] })}>
          + {tx('Condition', 'Koşul')}
        </button>
        {depth < 3 && (
          <button type="button" className="link" data-testid={`${testId}-add-group`} onClick={() => onChange({ ...group, children: [...group.children, { any: [blank()] }] })}>
            + {tx('Group', 'Grup')}
          </button>
        )}
      </div>
    </div>
  )
}

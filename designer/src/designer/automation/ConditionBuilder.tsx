import type { EntityDefinition, Metadata } from '../../api/types'
import { filterFields } from '../../lib/filters'
import { useText } from '../useText'
import { ConditionGroup } from './ConditionGroup'
import { asGroup, fromGroup, type ConditionNode } from './conditionModel'
import { ScriptEditor } from './ScriptEditor'

interface Props {
  document: Metadata
  entity: EntityDefinition | undefined
  value: ConditionNode | undefined | null
  onChange: (value: ConditionNode | undefined) => void
  testId?: string
  /** What the condition is for, shown above it ("Only when…"). */
  caption?: string
}

/**
 * The no-code condition builder: all / any / none groups, nested, over the entity's fields and its lookups' fields; the
 * operator list follows the field type, the value editor too. A script condition is the escape hatch, one click away.
 */
export function ConditionBuilder({ document, entity, value, onChange, testId = 'condition', caption }: Props) {
  const tx = useText()
  if (!entity) return <p className="subtle">{tx('Pick the entity first.', 'Önce varlığı seçin.')}</p>
  const fields = filterFields(document, entity)
  const script = value && 'script' in value ? value.script : null
  return (
    <div className="condition-builder" data-testid={testId}>
      <div className="condition-head">
        {caption && <strong>{caption}</strong>}
        <span className="spacer" />
        <div className="segmented" role="group" aria-label={tx('How the condition is written', 'Koşulun yazılışı')}>
          <button type="button" className={script === null ? 'on' : ''} aria-pressed={script === null} data-testid={`${testId}-mode-builder`}
            onClick={() => script !== null && onChange(undefined)}>{tx('Conditions', 'Koşullar')}</button>
          <button type="button" className={script !== null ? 'on' : ''} aria-pressed={script !== null} data-testid={`${testId}-mode-script`}
            onClick={() => script === null && onChange({ script: '' })}>{tx('Script', 'Betik')}</button>
        </div>
      </div>
      {script !== null ? (
        <ScriptEditor value={script} onChange={(text) => onChange({ script: text })} testId={`${testId}-script`}
          hint={tx('JavaScript that returns true when the rule should run, e.g. record.city == "İzmir".', 'Kural çalışacaksa true döndüren JavaScript, ör. record.city == "İzmir".')} />
      ) : (
        <ConditionGroup fields={fields} group={asGroup(value)} depth={0} testId={testId}
          onChange={(group) => onChange(group.children.length === 0 ? undefined : fromGroup(group))} />
      )}
    </div>
  )
}

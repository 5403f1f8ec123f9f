import type { Metadata } from '../../api/types'
import { ConditionBuilder } from '../automation/ConditionBuilder'
import { LocalizedInput } from '../LocalizedInput'
import type { DesignDocument } from '../types'
import { useText } from '../useText'
import type { Transition } from './workflowTypes'

interface Props {
  document: DesignDocument
  entity: string
  from: string
  transition: Transition
  stepLabel: (name: string) => string
  onChange: (transition: Transition) => void
  onRemove: () => void
}

/** One arrow: its button label and the condition the record must meet to take it. */
export function TransitionPanel({ document, entity, from, transition, stepLabel, onChange, onRemove }: Props) {
  const tx = useText()
  return (
    <div className="stack" data-testid={`transition-panel-${from}-${transition.to}`}>
      <div className="section-head">
        <h3>{stepLabel(from)} → {stepLabel(transition.to)}</h3>
        <span className="spacer" />
        <button type="button" className="danger" data-testid="transition-remove" onClick={onRemove}>{tx('Remove transition', 'Geçişi kaldır')}</button>
      </div>
      <LocalizedInput label={tx('Button label (optional)', 'Düğme etiketi (isteğe bağlı)')} value={transition.label} testId="transition-label"
        onChange={(label) => { const next = { ...transition, label }; if (!label || Object.values(label).every((v) => !v)) delete next.label; onChange(next) }} />
      <ConditionBuilder document={document as unknown as Metadata} entity={document.entities.find((e) => e.name === entity) as never}
        value={transition.when} testId="transition-condition" caption={tx('Allowed only when', 'Yalnızca şu durumda izinli')}
        onChange={(when) => { const next = { ...transition, when }; if (!when) delete next.when; onChange(next) }} />
    </div>
  )
}

import type { EntityDefinition, FieldDefinition, Metadata } from '../api/types'
import type { Pipeline } from '../api/pipelines'
import { defaultView, findEntity, findField } from '../lib/model'

/** What a card shows: its title, amount, close date and the parties (lookups such as company and person) it names. */
export interface CardFields {
  entity: EntityDefinition
  title?: FieldDefinition
  amount?: FieldDefinition
  closeDate?: FieldDefinition
  parties: FieldDefinition[]
}

export function cardFields(metadata: Metadata, pipeline: Pipeline): CardFields | null {
  const entity = findEntity(metadata, pipeline.entity)
  if (!entity) return null
  const field = (name: string | null | undefined) => (name ? findField(entity, name) : undefined)
  // The parties are the lookups the entity's list shows first (the sample's opportunity: company, then person).
  const viewLookups = defaultView(metadata, entity).columns.map((c) => findField(entity, c)).filter((f): f is FieldDefinition => f?.type === 'lookup')
  const parties = (viewLookups.length ? viewLookups : entity.fields.filter((f) => f.type === 'lookup' && !f.retired)).slice(0, 2)
  return {
    entity,
    title: field(entity.primaryField) ?? entity.fields.find((f) => f.type === 'text' && !f.retired),
    amount: field(pipeline.amountField),
    closeDate: field(pipeline.closeDateField),
    parties,
  }
}

import { useState } from 'react'
import { api } from '../api/crm'
import type { CrmRecord, EntityDefinition } from '../api/types'
import { useI18n } from '../lib/i18n'
import { activeFields } from '../lib/model'
import { isReadOnly, toApiValue } from '../lib/validation'
import { problemText } from './App'
import { useApp } from './AppContext'
import { FieldEditor } from './FieldEditor'

type Mode = 'none' | 'update' | 'delete' | 'assign'

/** Actions on the selected records, one request per record (each with its version), with progress and a summary. */
export function BulkBar({ entity, records, onDone }: { entity: EntityDefinition; records: CrmRecord[]; onDone: () => void }) {
  const { metadata, users, toast } = useApp()
  const i18n = useI18n()
  const editable = activeFields(entity).filter((f) => !isReadOnly(f) && f.type !== 'lookup')
  const [mode, setMode] = useState<Mode>('none')
  const [fieldName, setFieldName] = useState(editable[0]?.name ?? '')
  const [value, setValue] = useState<unknown>(null)
  const [owner, setOwner] = useState(users.keys().next().value ?? '')
  const [progress, setProgress] = useState<{ done: number; n: number } | null>(null)
  const field = editable.find((f) => f.name === fieldName)

  const run = async (action: (record: CrmRecord) => Promise<unknown>, message: 'updated' | 'deleted') => {
    setProgress({ done: 0, n: records.length })
    const failures: string[] = []
    let done = 0
    for (const record of records) {
      try {
        await action(record)
      } catch (e) {
        failures.push(problemText(e))
      }
      done++
      setProgress({ done, n: records.length })
    }
    setProgress(null)
    setMode('none')
    toast(i18n.t(message, { n: records.length - failures.length }) + (failures.length ? ` · ${failures.length}: ${failures[0]}` : ''), failures.length ? 'error' : 'ok')
    onDone()
  }

  return (
    <div className="bulk-bar" data-testid="bulk-bar" role="region" aria-label={i18n.t('selected')}>
      <strong>{records.length} {i18n.t('selected')}</strong>
      {progress ? (
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress.n} aria-valuenow={progress.done}>
          <div style={{ width: `${(100 * progress.done) / progress.n}%` }} />
          <span>{i18n.t('progress', progress)}</span>
        </div>
      ) : mode === 'none' ? (
        <>
          <button type="button" onClick={() => setMode('update')} data-testid="bulk-update">{i18n.t('bulkUpdate')}</button>
          <button type="button" onClick={() => setMode('assign')} data-testid="bulk-assign">{i18n.t('assign')}</button>
          <button type="button" className="danger" onClick={() => setMode('delete')} data-testid="bulk-delete">{i18n.t('bulkDelete')}</button>
        </>
      ) : mode === 'update' ? (
        <form className="inline-form" onSubmit={(e) => {
          e.preventDefault()
          if (field) void run((r) => api.update(entity.name, r.id, { [field.name]: toApiValue(field, value) }, r.version), 'updated')
        }}>
          <select aria-label={i18n.t('field')} value={fieldName} data-testid="bulk-field" onChange={(e) => { setFieldName(e.target.value); setValue(null) }}>
            {editable.map((f) => <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
          </select>
          {field && <FieldEditor id="bulk-value" field={field} value={value} invalid={false} metadata={metadata} users={users} onChange={setValue} />}
          <button type="submit" className="primary" data-testid="bulk-apply">{i18n.t('apply')}</button>
          <button type="button" onClick={() => setMode('none')}>{i18n.t('cancel')}</button>
        </form>
      ) : mode === 'assign' ? (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void run((r) => api.update(entity.name, r.id, { owner }, r.version), 'updated') }}>
          <select aria-label={i18n.t('assign')} value={owner} onChange={(e) => setOwner(e.target.value)}>
            {[...users].map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
          <button type="submit" className="primary">{i18n.t('apply')}</button>
          <button type="button" onClick={() => setMode('none')}>{i18n.t('cancel')}</button>
        </form>
      ) : (
        <span className="inline-form">
          {i18n.t('deleteConfirm', { n: records.length })}
          <button type="button" className="danger" data-testid="bulk-delete-confirm"
            onClick={() => void run((r) => api.remove(entity.name, r.id, r.version), 'deleted')}>{i18n.t('confirm')}</button>
          <button type="button" onClick={() => setMode('none')}>{i18n.t('cancel')}</button>
        </span>
      )}
    </div>
  )
}

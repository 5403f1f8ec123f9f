import { useCallback, useEffect, useMemo, useState } from 'react'
import { ProblemError, errorField } from '../api/client'
import { api } from '../api/crm'
import type { CrmRecord } from '../api/types'
import { useI18n } from '../lib/i18n'
import { activeFields, expandsFor, findEntity, findField, mainForm, primaryText } from '../lib/model'
import { navigate } from '../lib/router'
import { isReadOnly, toApiValue, validateField } from '../lib/validation'
import { problemText } from './App'
import { useApp } from './AppContext'
import { CellValue } from './CellValue'
import { FormRenderer } from './FormRenderer'
import { RelatedList } from './RelatedList'
import { ErrorState, Loading } from './States'
import { Timeline } from './Timeline'
import { StageHistoryBlock } from '../board/StageHistoryBlock'
import { WorkflowPanel } from '../workflow/WorkflowPanel'

const cardEntities = new Set(['person', 'company'])

/** A record from its form layout: typed editors, client checks, server errors on their fields, conflicts explained. */
export function RecordPage({ entityName, id }: { entityName: string; id: string | null }) {
  const { metadata, users, toast } = useApp()
  const i18n = useI18n()
  const entity = findEntity(metadata, entityName)
  const form = useMemo(() => (entity ? mainForm(metadata, entity) : null), [metadata, entity])
  const [record, setRecord] = useState<CrmRecord | null>(null)
  const [values, setValues] = useState<Record<string, unknown>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [conflict, setConflict] = useState(false)
  const [saving, setSaving] = useState(false)
  const [loading, setLoading] = useState(id !== null)

  const load = useCallback(async () => {
    if (!entity || id === null) return
    setLoading(true)
    try {
      const { body } = await api.get(entity.name, id, expandsFor(metadata, entity, activeFields(entity).map((f) => f.name)))
      setRecord(body)
      setValues(body)
      setErrors({})
      setLoadError(null)
    } catch (e) {
      setLoadError(problemText(e))
    } finally {
      setLoading(false)
    }
  }, [entity, id, metadata])

  useEffect(() => {
    if (id === null && entity) {
      const defaults: Record<string, unknown> = {}
      for (const f of activeFields(entity)) if (f.default !== undefined) defaults[f.name] = f.default
      setValues(defaults)
    } else void load()
  }, [id, entity, load])

  if (!entity || !form) return <ErrorState message={`'${entityName}'?`} />
  if (loading) return <Loading />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />

  const lookupId = (value: unknown) => (value && typeof value === 'object' ? (value as { id: string }).id : value)
  const changed = () => {
    const body: Record<string, unknown> = {}
    for (const field of activeFields(entity)) {
      if (isReadOnly(field) || !(field.name in values)) continue
      const now = toApiValue(field, field.type === 'lookup' ? lookupId(values[field.name]) : values[field.name])
      const before = record ? (field.type === 'lookup' ? lookupId(record[field.name]) : record[field.name]) : undefined
      if (record === null ? now !== null && !(Array.isArray(now) && now.length === 0) : JSON.stringify(now) !== JSON.stringify(before ?? null))
        body[field.name] = now
    }
    return body
  }

  const save = async (overwrite = false) => {
    const clientErrors: Record<string, string> = {}
    for (const field of activeFields(entity)) {
      const message = validateField(field, values[field.name], i18n)
      if (message) clientErrors[field.name] = message
    }
    setErrors(clientErrors)
    if (Object.keys(clientErrors).length) { setFormError(i18n.t('fixErrors')); return }
    setSaving(true)
    setFormError(null)
    try {
      let version = record?.version
      if (overwrite && record) version = (await api.get(entity.name, record.id)).body.version
      const saved = record ? await api.update(entity.name, record.id, changed(), version) : await api.create(entity.name, changed())
      setConflict(false)
      toast(i18n.t('saved'))
      if (record) await load()
      else navigate(`/e/${entity.name}/${saved.id}`)
    } catch (e) {
      if (e instanceof ProblemError && (e.status === 409 || e.status === 412) && e.problem.errors.every((x) => !x.path?.startsWith('$.'))) {
        setConflict(true)
      } else if (e instanceof ProblemError && e.problem.errors.length) {
        const server: Record<string, string> = {}
        const other: string[] = []
        for (const entry of e.problem.errors) {
          const name = errorField(entry.path)
          if (name && findField(entity, name)) server[name] ??= entry.message
          else other.push(entry.message)
        }
        setErrors(server)
        setFormError(other.length ? other.join(' ') : i18n.t('fixErrors'))
      } else setFormError(problemText(e))
    } finally {
      setSaving(false)
    }
  }

  const label = i18n.label(entity.label, entity.name)
  const title = record ? primaryText(entity, record) || label : i18n.t('newRecord', { entity: label })
  const is360 = record !== null && cardEntities.has(entity.name)
  const tags = activeFields(entity).find((f) => f.type === 'multiChoice')

  const formCard = (
    <form className="card" noValidate onSubmit={(e) => { e.preventDefault(); void save() }} aria-label={title}>
      <FormRenderer metadata={metadata} entity={entity} form={form} values={values} errors={errors} users={users}
        onChange={(name, value) => { setValues((v) => ({ ...v, [name]: value })); setErrors(({ [name]: _, ...rest }) => rest) }} />
      {formError && <p className="alert error" role="alert" data-testid="form-error">{formError}</p>}
      <div className="form-actions">
        <button type="button" onClick={() => (record ? void load() : window.history.back())}>{i18n.t('cancel')}</button>
        <button type="submit" className="primary" data-testid="form-submit" disabled={saving}>{saving ? i18n.t('saving') : i18n.t('save')}</button>
      </div>
    </form>
  )

  return (
    <div className="page record-page">
      <div className="page-head">
        <div>
          <a href={`/e/${entity.name}`} className="crumb" onClick={(e) => { e.preventDefault(); navigate(`/e/${entity.name}`) }}>
            ← {i18n.label(entity.pluralLabel ?? entity.label, entity.name)}
          </a>
          <h1 data-testid="record-title">{title}</h1>
          {record && <p className="subtle">{label} · {new Date(String(record.updated_at)).toLocaleString(i18n.locale)}</p>}
        </div>
      </div>
      {conflict && (
        <div className="alert warning" role="alertdialog" aria-labelledby="conflict-title" data-testid="conflict">
          <strong id="conflict-title">{i18n.t('conflictTitle')}</strong>
          <p>{i18n.t('conflictText')}</p>
          <div className="alert-actions">
            <button type="button" data-testid="conflict-reload" onClick={() => { setConflict(false); void load() }}>{i18n.t('reload')}</button>
            <button type="button" className="danger" data-testid="conflict-overwrite" onClick={() => void save(true)}>{i18n.t('overwrite')}</button>
          </div>
        </div>
      )}
      {is360 ? (
        <div className="card360" data-testid="card-360">
          <div className="card360-main">
            <div className="card summary" data-testid="key-fields">
              <div className="summary-head">
                <span className="avatar big">{title.split(' ').map((w) => w[0]).join('').slice(0, 2).toUpperCase()}</span>
                <div>
                  <h2>{title}</h2>
                  {tags && Array.isArray(record[tags.name]) && (record[tags.name] as unknown[]).length > 0 && (
                    <CellValue field={tags} value={record[tags.name]} metadata={metadata} users={users} />
                  )}
                </div>
              </div>
              <dl className="key-fields">
                {form.tabs[0].sections.flatMap((s) => s.fields).slice(0, 8).map((name) => findField(entity, name)).filter((f) => f && f.type !== 'multiChoice')
                  .map((field) => (
                    <div key={field!.name}>
                      <dt>{i18n.label(field!.label, field!.name)}</dt>
                      <dd><CellValue field={field!} value={record[field!.name]} metadata={metadata} users={users} /></dd>
                    </div>
                  ))}
              </dl>
            </div>
            <WorkflowPanel entity={entity} record={record} onChanged={() => void load()} />
            {formCard}
            {(form.relatedLists ?? []).map((r) => <RelatedList key={`${r.entity}.${r.field}`} list={r} recordId={record.id} />)}
          </div>
          <Timeline entity={entity} record={record} />
        </div>
      ) : (
        <>
          {/* Above the form: where the record stands and what it waits for is what its users look for first. */}
          {record && <WorkflowPanel entity={entity} record={record} onChanged={() => void load()} />}
          {formCard}
          {record && <StageHistoryBlock entity={entity} record={record} />}
          {record && (form.relatedLists ?? []).map((r) => <RelatedList key={`${r.entity}.${r.field}`} list={r} recordId={record.id} />)}
        </>
      )}
    </div>
  )
}

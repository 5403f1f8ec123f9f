import { useCallback, useEffect, useMemo, useState } from 'react'
import { api } from '../api/crm'
import type { CrmRecord, RecordPage, ViewDefinition } from '../api/types'
import { toFilter, filterFields, type Condition } from '../lib/filters'
import { useI18n } from '../lib/i18n'
import { defaultView, expandsFor, findEntity, resolvePath, valueAt, viewColumns } from '../lib/model'
import { navigate } from '../lib/router'
import { migrateLocalViews, savedViewsApi, type SavedView, type Sharing } from '../lib/savedViews'
import { problemText } from './App'
import { useApp } from './AppContext'
import { BulkBar } from './BulkBar'
import { CellValue } from './CellValue'
import { FilterBuilder } from './FilterBuilder'
import { Empty, ErrorState, Loading } from './States'

const pageSize = 25

/** An entity's records: the view's columns, header sort, filter builder, quick search, paging, bulk actions, export. */
export function ListPage({ entityName }: { entityName: string }) {
  const { metadata, users, me, toast } = useApp()
  const i18n = useI18n()
  const entity = findEntity(metadata, entityName)
  const views = (metadata.views ?? []).filter((v) => v.entity === entityName)
  const [view, setView] = useState<ViewDefinition | null>(null)
  // Memoised: a fallback view is built afresh on each call, and a new object would refetch on every render.
  const activeView = useMemo(() => view ?? (entity ? defaultView(metadata, entity) : null), [view, metadata, entity])
  const [orderBy, setOrderBy] = useState(activeView?.sort ?? '')
  const [conditions, setConditions] = useState<Condition[]>([])
  const [search, setSearch] = useState('')
  const [searchDraft, setSearchDraft] = useState('')
  const [skip, setSkip] = useState(0)
  const [filterOpen, setFilterOpen] = useState(false)
  const [page, setPage] = useState<RecordPage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [selected, setSelected] = useState<Map<string, CrmRecord>>(new Map())
  const [saved, setSaved] = useState<SavedView[]>([])
  const [chosenSaved, setChosenSaved] = useState<SavedView | null>(null)
  const [savingView, setSavingView] = useState<string | null>(null)
  const [sharing, setSharing] = useState<Sharing>('private')
  const [exporting, setExporting] = useState(false)

  const columns = useMemo(() => (entity && activeView ? viewColumns(metadata, entity, activeView) : []), [metadata, entity, activeView])
  const fields = useMemo(() => (entity ? filterFields(metadata, entity) : []), [metadata, entity])
  // A saved view made through the API may have a filter but no builder conditions: its filter is then the base of the list's.
  const savedBase = chosenSaved && !chosenSaved.conditions?.length && chosenSaved.filter ? chosenSaved.filter : undefined
  const filter = toFilter(conditions, fields, savedBase ?? activeView?.filter)
  const searchable = entity?.fields.some((f) => f.searchable && !f.retired) ?? false

  useEffect(() => {
    const handle = window.setTimeout(() => { setSearch(searchDraft); setSkip(0) }, 300)
    return () => window.clearTimeout(handle)
  }, [searchDraft])

  const load = useCallback(() => {
    if (!entity) return
    setLoading(true)
    api.query(entity.name, { filter, orderBy, top: pageSize, skip, search, count: true, expand: expandsFor(metadata, entity, columns) })
      .then((result) => { setPage(result); setError(null) }, (e: unknown) => setError(problemText(e)))
      .finally(() => setLoading(false))
  }, [entity, metadata, filter, orderBy, skip, search, columns])

  useEffect(load, [load])

  const loadSaved = useCallback(async () => {
    if (!entity) return
    try {
      if (await migrateLocalViews(me.id, entity.name, (list) => toFilter(list, fields))) toast(i18n.t('viewsMoved'))
      setSaved(await savedViewsApi.list(entity.name))
    } catch (e) {
      setSaved([])
      toast(problemText(e), 'error')
    }
  }, [entity, me.id, fields, toast, i18n])

  useEffect(() => { setChosenSaved(null); void loadSaved() }, [loadSaved])

  if (!entity || !activeView) return <ErrorState message={`'${entityName}'?`} />

  const title = i18n.label(entity.pluralLabel ?? entity.label, entity.name)
  const count = page?.count ?? 0

  const sortBy = (path: string) => {
    const resolved = resolvePath(metadata, entity, path)
    const target = resolved?.field.type === 'lookup' && resolved.field.target ? findEntity(metadata, resolved.field.target) : undefined
    const sortPath = target?.primaryField ? `${path}/${target.primaryField}` : path
    setOrderBy(orderBy === `${sortPath} asc` ? `${sortPath} desc` : `${sortPath} asc`)
    setSkip(0)
  }
  const sortState = (path: string): 'ascending' | 'descending' | 'none' => {
    const first = orderBy.split(',')[0].trim()
    const [p, dir] = first.split(/\s+/)
    if (p !== path && !p.startsWith(`${path}/`)) return 'none'
    return dir === 'desc' ? 'descending' : 'ascending'
  }

  const exportCsv = async () => {
    setExporting(true)
    try {
      const csv = await api.exportCsv(entity.name, { filter, orderBy, search })
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
      const a = document.createElement('a')
      a.href = url
      a.download = `${entity.name}.csv`
      a.click()
      URL.revokeObjectURL(url)
    } catch (e) {
      toast(problemText(e), 'error')
    } finally {
      setExporting(false)
    }
  }

  const chooseView = (name: string) => {
    const model = views.find((v) => v.name === name)
    const other = saved.find((v) => `saved:${v.id}` === name)
    if (model) { setView(model); setChosenSaved(null); setOrderBy(model.sort ?? ''); setConditions([]); setSearchDraft('') }
    else if (other) {
      setView(null); setChosenSaved(other); setOrderBy(other.orderBy ?? ''); setConditions(other.conditions ?? []); setSearchDraft(other.search ?? '')
    }
    setSkip(0)
  }
  const saveView = async (name: string) => {
    const input = { name, sharing, filter: toFilter(conditions, fields, savedBase), orderBy, search: searchDraft, conditions }
    // Saving under the name of one of your own views replaces it, as saving a document does.
    const same = saved.find((v) => v.mine && v.name.toLocaleLowerCase(i18n.locale) === name.toLocaleLowerCase(i18n.locale))
    try {
      const stored = same ? await savedViewsApi.update(entity.name, same.id, input) : await savedViewsApi.create(entity.name, input)
      setSaved(await savedViewsApi.list(entity.name))
      setChosenSaved(stored)
      setSavingView(null)
      toast(i18n.t('saved'))
    } catch (e) {
      toast(problemText(e), 'error')
    }
  }
  const deleteView = async (target: SavedView) => {
    try {
      await savedViewsApi.remove(entity.name, target.id)
      setSaved((list) => list.filter((v) => v.id !== target.id))
      setChosenSaved(null)
      toast(i18n.t('viewDeleted'))
    } catch (e) {
      toast(problemText(e), 'error')
    }
  }
  const mine = saved.filter((v) => v.mine)
  const shared = saved.filter((v) => !v.mine)

  const rows = page?.value ?? []
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id))

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1 data-testid="page-title">{title}</h1>
          <p className="subtle"><span data-testid="record-count">{count}</span> {i18n.t('records')}</p>
        </div>
        <div className="actions">
          <button type="button" onClick={exportCsv} disabled={exporting} data-testid="export-csv">{exporting ? i18n.t('loading') : i18n.t('export')}</button>
          <button type="button" className="primary" data-testid="new-record" onClick={() => navigate(`/e/${entity.name}/new`)}>+ {i18n.t('new')}</button>
        </div>
      </div>

      <div className="toolbar">
        <select aria-label={i18n.t('views')} data-testid="view-select" value={chosenSaved ? `saved:${chosenSaved.id}` : view?.name ?? activeView.name}
          onChange={(e) => chooseView(e.target.value)}>
          {views.length === 0 && <option value={activeView.name}>{i18n.t('all')}</option>}
          {views.map((v) => <option key={v.name} value={v.name}>{i18n.label(v.label, v.name)}</option>)}
          {mine.length > 0 && <optgroup label={i18n.t('myViews')}>{mine.map((v) => (
            <option key={v.id} value={`saved:${v.id}`}>{v.name}{v.sharing !== 'private' ? ` · ${i18n.t(v.sharing === 'team' ? 'sharedTeam' : 'sharedEveryone')}` : ''}</option>))}
          </optgroup>}
          {shared.length > 0 && <optgroup label={i18n.t('sharedViews')}>{shared.map((v) => (
            <option key={v.id} value={`saved:${v.id}`}>{v.name} · {v.ownerName}</option>))}
          </optgroup>}
        </select>
        {chosenSaved?.mine && (
          <button type="button" className="link danger-link" data-testid="delete-view" onClick={() => void deleteView(chosenSaved)}>{i18n.t('deleteView')}</button>
        )}
        {searchable && (
          <input type="search" className="search" aria-label={i18n.t('search')} placeholder={i18n.t('search')} data-testid="quick-search"
            value={searchDraft} onChange={(e) => setSearchDraft(e.target.value)} />
        )}
        <button type="button" aria-expanded={filterOpen} data-testid="filter-toggle" className={conditions.length ? 'active' : ''}
          onClick={() => setFilterOpen((o) => !o)}>
          {i18n.t('filter')}{conditions.length > 0 && <span className="count-pill">{conditions.length}</span>}
        </button>
        {savingView === null
          ? <button type="button" className="link" data-testid="save-view"
            onClick={() => { setSavingView(chosenSaved?.mine ? chosenSaved.name : ''); setSharing(chosenSaved?.mine ? chosenSaved.sharing : 'private') }}>{i18n.t('saveView')}</button>
          : (
            <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (savingView.trim()) void saveView(savingView.trim()) }}>
              <input aria-label={i18n.t('viewName')} placeholder={i18n.t('viewName')} autoFocus value={savingView} data-testid="save-view-name"
                onChange={(e) => setSavingView(e.target.value)} />
              <select aria-label={i18n.t('sharing')} value={sharing} data-testid="save-view-sharing" onChange={(e) => setSharing(e.target.value as Sharing)}>
                <option value="private">{i18n.t('sharedPrivate')}</option>
                <option value="team">{i18n.t('sharedTeam')}</option>
                <option value="everyone">{i18n.t('sharedEveryone')}</option>
              </select>
              <button type="submit" className="primary">{i18n.t('save')}</button>
              <button type="button" onClick={() => setSavingView(null)}>{i18n.t('cancel')}</button>
            </form>
          )}
      </div>
      {filterOpen && (
        <FilterBuilder metadata={metadata} entity={entity} conditions={conditions}
          onApply={(list) => { setConditions(list); setSkip(0) }} />
      )}
      {error && <p className="alert error" role="alert" data-testid="filter-error">{error}</p>}

      {selected.size > 0 && (
        <BulkBar entity={entity} records={[...selected.values()]} onDone={() => { setSelected(new Map()); load() }} />
      )}

      <div className="table-card">
        {loading && !page ? <Loading /> : rows.length === 0 ? (
          <Empty text={conditions.length || search ? i18n.t('emptyFiltered') : i18n.t('empty')} />
        ) : (
          <table className="records" data-testid="record-table" aria-busy={loading}>
            <thead>
              <tr>
                <th className="check">
                  <input type="checkbox" aria-label={i18n.t('selected')} checked={allSelected} data-testid="select-all"
                    onChange={() => setSelected(allSelected ? new Map() : new Map(rows.map((r) => [r.id, r])))} />
                </th>
                {columns.map((path) => {
                  const resolved = resolvePath(metadata, entity, path)!
                  const label = resolved.via.length
                    ? `${i18n.label(resolved.via[0].label, resolved.via[0].name)} › ${i18n.label(resolved.field.label, resolved.field.name)}`
                    : i18n.label(resolved.field.label, resolved.field.name)
                  const state = sortState(path)
                  return (
                    <th key={path} aria-sort={state} className={['integer', 'decimal', 'currency', 'percent'].includes(resolved.field.type) ? 'num' : undefined}>
                      <button type="button" className="sort" data-testid={`column-${path}`} onClick={() => sortBy(path)}>
                        {label}<span className="sort-mark" aria-hidden="true">{state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''}</span>
                      </button>
                    </th>
                  )
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((record) => (
                <tr key={record.id} data-testid="record-row" tabIndex={0} className={selected.has(record.id) ? 'selected' : undefined}
                  onClick={() => navigate(`/e/${entity.name}/${record.id}`)}
                  onKeyDown={(e) => { if (e.key === 'Enter') navigate(`/e/${entity.name}/${record.id}`) }}>
                  <td className="check" onClick={(e) => e.stopPropagation()}>
                    <input type="checkbox" aria-label={`${i18n.t('selected')} ${record.id}`} checked={selected.has(record.id)} data-testid="select-row"
                      onChange={() => setSelected((s) => { const n = new Map(s); if (n.has(record.id)) n.delete(record.id); else n.set(record.id, record); return n })} />
                  </td>
                  {columns.map((path) => {
                    const resolved = resolvePath(metadata, entity, path)!
                    return (
                      <td key={path} data-column={path}>
                        <CellValue field={resolved.field} value={valueAt(record, path)} metadata={metadata} users={users} />
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {count > 0 && (
        <div className="pager">
          <span className="subtle">{skip + 1}–{Math.min(skip + pageSize, count)} {i18n.t('of')} {count}</span>
          <button type="button" disabled={skip === 0} onClick={() => setSkip(Math.max(0, skip - pageSize))} data-testid="page-prev">{i18n.t('previous')}</button>
          <button type="button" disabled={skip + pageSize >= count} onClick={() => setSkip(skip + pageSize)} data-testid="page-next">{i18n.t('next')}</button>
        </div>
      )}
    </div>
  )
}

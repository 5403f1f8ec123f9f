import { useEffect, useState } from 'react'
import { api } from '../api/crm'
import type { FormRelatedList, RecordPage } from '../api/types'
import { useI18n } from '../lib/i18n'
import { defaultView, expandsFor, findEntity, resolvePath, valueAt } from '../lib/model'
import { navigate } from '../lib/router'
import { problemText } from './App'
import { useApp } from './AppContext'
import { CellValue } from './CellValue'
import { Empty, ErrorState, Loading } from './States'

/** Records of another entity pointing at this one (a company's people), with a shortcut to add one. */
export function RelatedList({ list, recordId }: { list: FormRelatedList; recordId: string }) {
  const { metadata, users } = useApp()
  const i18n = useI18n()
  const entity = findEntity(metadata, list.entity)
  const [page, setPage] = useState<RecordPage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const columns = entity ? defaultView(metadata, entity).columns.filter((c) => c !== list.field && resolvePath(metadata, entity, c)).slice(0, 5) : []

  useEffect(() => {
    if (!entity) return
    api.query(entity.name, { filter: `${list.field} eq ${recordId}`, top: 10, count: true, orderBy: 'created_at desc', expand: expandsFor(metadata, entity, columns) })
      .then(setPage, (e: unknown) => setError(problemText(e)))
    // columns derive from metadata and entity
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entity, list.field, recordId, metadata])

  if (!entity) return null
  const title = i18n.label(list.label ?? entity.pluralLabel, entity.name)
  return (
    <section className="card related" data-testid={`related-${entity.name}`} aria-label={title}>
      <div className="card-head">
        <h3>{title} {page?.count !== undefined && <span className="count-pill">{page.count}</span>}</h3>
      </div>
      {error ? <ErrorState message={error} /> : !page ? <Loading /> : page.value.length === 0 ? <Empty text={i18n.t('empty')} /> : (
        <table className="records compact">
          <thead>
            <tr>{columns.map((c) => { const r = resolvePath(metadata, entity, c)!; return <th key={c}>{i18n.label(r.field.label, r.field.name)}</th> })}</tr>
          </thead>
          <tbody>
            {page.value.map((record) => (
              <tr key={record.id} tabIndex={0} onClick={() => navigate(`/e/${entity.name}/${record.id}`)}
                onKeyDown={(e) => { if (e.key === 'Enter') navigate(`/e/${entity.name}/${record.id}`) }}>
                {columns.map((c) => <td key={c}><CellValue field={resolvePath(metadata, entity, c)!.field} value={valueAt(record, c)} metadata={metadata} users={users} /></td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

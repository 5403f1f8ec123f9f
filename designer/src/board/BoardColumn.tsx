import type { CrmRecord } from '../api/types'
import type { BoardColumnData, Pipeline } from '../api/pipelines'
import { useI18n } from '../lib/i18n'
import { BoardCard } from './BoardCard'
import { formatMoney } from './boardLogic'
import { bt } from './boardText'
import type { CardFields } from './cardFields'

export type DropState = 'idle' | 'source' | 'allowed' | 'blocked' | 'over'

interface Props {
  column: BoardColumnData
  pipeline: Pipeline
  fields: CardFields
  dropState: DropState
  blockedReason?: string
  searching: boolean
  pendingId: string | null
  draggingId: string | null
  loadingMore: boolean
  onLoadMore: () => void
  onPointerDown: (e: React.PointerEvent<HTMLElement>, record: CrmRecord, stage: string) => void
  onOpen: (record: CrmRecord) => void
  onMove: (record: CrmRecord, from: string, to: string) => void
}

/** One stage: its colour, count, total and weighted total, the first cards and "load more". */
export function BoardColumn(props: Props) {
  const { column, pipeline, fields, dropState, blockedReason, searching, pendingId, draggingId, loadingMore } = props
  const i18n = useI18n()
  const color = column.color ?? '#98a2b3'
  const remaining = column.count - column.records.length
  const outcome = column.outcome ? ` outcome-${column.outcome}` : ''
  return (
    <section className={`board-column drop-${dropState}${outcome}`} data-stage={column.stage} data-testid={`column-${column.stage}`}
      aria-label={column.label} aria-disabled={dropState === 'blocked' || undefined} style={{ '--stage': color } as React.CSSProperties}>
      <header className="board-column-head">
        <div className="board-column-title">
          <span className="stage-dot" style={{ background: color }} />
          <h2 title={column.label}>{column.label}</h2>
          <span className="count-pill" data-testid="column-count">{column.count}</span>
        </div>
        <dl className="board-totals">
          <div><dt>{bt(i18n, 'total')}</dt><dd className="num" data-testid="column-sum">{formatMoney(column.sum, i18n.locale)}</dd></div>
          <div><dt title={bt(i18n, 'probability', { p: Math.round(column.probability * 100) })}>
            {bt(i18n, 'weighted')} · {new Intl.NumberFormat(i18n.locale, { style: 'percent' }).format(column.probability)}</dt><dd className="num" data-testid="column-weighted">{formatMoney(column.weightedSum, i18n.locale)}</dd></div>
        </dl>
      </header>
      {dropState === 'blocked' && blockedReason && <div className="board-drop-note">⛔ {blockedReason}</div>}
      <div className="board-cards">
        {column.records.map((record) => (
          <BoardCard key={record.id} record={record} stage={column.stage} pipeline={pipeline} fields={fields}
            pending={pendingId === record.id} dragging={draggingId === record.id}
            onPointerDown={props.onPointerDown} onOpen={props.onOpen} onMove={props.onMove} />
        ))}
        {column.count === 0 && <p className="board-empty">{searching ? bt(i18n, 'noCardsSearch') : bt(i18n, 'noCards')}</p>}
        {remaining > 0 && (
          <button type="button" className="board-more" onClick={props.onLoadMore} disabled={loadingMore} data-testid="load-more">
            {loadingMore ? i18n.t('loading') : bt(i18n, 'loadMore', { n: Math.min(remaining, 20) })}
          </button>
        )}
      </div>
    </section>
  )
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ProblemError } from '../api/client'
import { api } from '../api/crm'
import { pipelinesApi, type BoardData, type BoardScope } from '../api/pipelines'
import type { CrmRecord } from '../api/types'
import { problemText } from '../app/App'
import { useApp } from '../app/AppContext'
import { Empty, ErrorState, Loading } from '../app/States'
import { useI18n } from '../lib/i18n'
import { navigate } from '../lib/router'
import { BoardColumn, type DropState } from './BoardColumn'
import { CardBody } from './BoardCard'
import { allowedTargets, applyMove, formatMoney, planMove, readRefusal } from './boardLogic'
import { bt } from './boardText'
import { cardFields } from './cardFields'
import { ForecastStrip } from './ForecastStrip'
import { MoveRefusedDialog, type Refusal } from './MoveRefusedDialog'
import { usePipelines } from './usePipelines'
import './board.css'

const scopes: BoardScope[] = ['mine', 'team', 'all']
const pageSize = 20
const scopeKey = (userId: string) => `nocodecrm.boardScope.${userId}`

interface Drag {
  record: CrmRecord
  from: string
  x: number
  y: number
  width: number
  over: string | null
}

interface PointerStart {
  record: CrmRecord
  from: string
  startX: number
  startY: number
  offsetX: number
  offsetY: number
  width: number
  active: boolean
}

/** The column (stage) under a point; the dragged copy lets the pointer through. */
function stageAt(x: number, y: number): string | null {
  return document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-stage]')?.dataset.stage ?? null
}

/** The kanban of one pipeline: columns per stage with totals, mine / team / all, quick search, guarded card moves. */
export function BoardPage({ pipelineName }: { pipelineName: string }) {
  const { metadata, me, toast } = useApp()
  const i18n = useI18n()
  const pipelines = usePipelines()
  const pipeline = pipelines?.find((p) => p.name === pipelineName)
  const fields = useMemo(() => (pipeline ? cardFields(metadata, pipeline) : null), [metadata, pipeline])
  const expand = useMemo(() => fields?.parties.map((f) => f.name) ?? [], [fields])
  const [scope, setScopeState] = useState<BoardScope>(() => {
    const stored = localStorage.getItem(scopeKey(me.id))
    return scopes.includes(stored as BoardScope) ? (stored as BoardScope) : 'mine'
  })
  const [search, setSearch] = useState('')
  const [query, setQuery] = useState('')
  const [board, setBoard] = useState<BoardData | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  const [drag, setDrag] = useState<Drag | null>(null)
  const [loadingMore, setLoadingMore] = useState<string | null>(null)
  const [changes, setChanges] = useState(0)
  const request = useRef(0)
  const pointer = useRef<PointerStart | null>(null)
  const justDragged = useRef(false)

  const setScope = (s: BoardScope) => { localStorage.setItem(scopeKey(me.id), s); setScopeState(s) }

  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(search), 300)
    return () => window.clearTimeout(timer)
  }, [search])

  const load = useCallback(async () => {
    if (!pipeline) return
    const mine = ++request.current
    try {
      const data = await pipelinesApi.board(pipeline.name, { scope, search: query, expand })
      if (mine !== request.current) return
      setBoard(data)
      setError(null)
    } catch (e) {
      if (mine === request.current) setError(problemText(e))
    }
  }, [pipeline, scope, query, expand])

  useEffect(() => { void load() }, [load])

  const stageLabel = useCallback((stage: string) => pipeline?.stages.find((s) => s.name === stage)?.label ?? stage, [pipeline])
  const cardName = useCallback((record: CrmRecord) => (fields?.title ? String(record[fields.title.name] ?? '') : record.id), [fields])

  const move = useCallback(async (record: CrmRecord, from: string, to: string) => {
    if (!pipeline || !fields) return
    const plan = planMove(pipeline, from, to)
    if (plan.kind === 'none') return
    const name = cardName(record)
    if (plan.kind === 'notAllowed') {
      setRefusal({
        recordId: record.id, name, stage: stageLabel(to), missing: [],
        messages: [plan.allowed.length
          ? bt(i18n, 'transitionIntro', { from: stageLabel(from), targets: plan.allowed.map(stageLabel).join(', ') })
          : bt(i18n, 'transitionNone', { from: stageLabel(from) })],
      })
      return
    }
    setPending(record.id)
    try {
      const saved = await api.update(pipeline.entity, record.id, { [pipeline.field]: to }, record.version)
      // The saved record names its lookups by id; the card keeps the names it was shown with.
      const card = { ...record, ...saved, ...Object.fromEntries(expand.map((f) => [f, record[f]])) }
      setBoard((b) => (b ? applyMove(b, pipeline, card, from, to) : b))
      setChanges((n) => n + 1)
      toast(bt(i18n, 'movedTo', { name, stage: stageLabel(to) }))
      void load()
    } catch (e) {
      if (e instanceof ProblemError && e.status === 422) {
        const read = readRefusal(e.problem, fields.entity, i18n)
        setRefusal({ recordId: record.id, name, stage: stageLabel(to), missing: read.missing, messages: read.messages })
      } else if (e instanceof ProblemError && (e.status === 409 || e.status === 412)) {
        toast(bt(i18n, 'conflictMove', { name }), 'error')
        void load()
      } else toast(problemText(e), 'error')
    } finally {
      setPending(null)
    }
  }, [pipeline, fields, expand, cardName, stageLabel, i18n, toast, load])

  // Pointer drag: a press becomes a drag after a few pixels (so a click still opens the card); the copy follows the
  // pointer and the column under it is the target. Works with mouse, pen and touch alike.
  const onPointerDown = useCallback((e: React.PointerEvent<HTMLElement>, record: CrmRecord, stage: string) => {
    if (e.button !== 0 || pending) return
    const rect = e.currentTarget.getBoundingClientRect()
    pointer.current = { record, from: stage, startX: e.clientX, startY: e.clientY, offsetX: e.clientX - rect.left, offsetY: e.clientY - rect.top, width: rect.width, active: false }
  }, [pending])

  useEffect(() => {
    const end = () => { pointer.current = null; document.body.classList.remove('board-dragging'); setDrag(null) }
    const onMove = (e: PointerEvent) => {
      const p = pointer.current
      if (!p) return
      if (!p.active) {
        if (Math.hypot(e.clientX - p.startX, e.clientY - p.startY) < 6) return
        p.active = true
        document.body.classList.add('board-dragging')
      }
      e.preventDefault()
      setDrag({ record: p.record, from: p.from, x: e.clientX - p.offsetX, y: e.clientY - p.offsetY, width: p.width, over: stageAt(e.clientX, e.clientY) })
    }
    const onUp = (e: PointerEvent) => {
      const p = pointer.current
      if (!p) return
      end()
      if (!p.active) return
      justDragged.current = true
      window.setTimeout(() => { justDragged.current = false }, 0)
      const to = stageAt(e.clientX, e.clientY)
      if (to) void move(p.record, p.from, to)
    }
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && pointer.current) end() }
    window.addEventListener('pointermove', onMove)
    window.addEventListener('pointerup', onUp)
    window.addEventListener('pointercancel', end)
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('pointermove', onMove)
      window.removeEventListener('pointerup', onUp)
      window.removeEventListener('pointercancel', end)
      window.removeEventListener('keydown', onKey)
    }
  }, [move])

  const open = useCallback((record: CrmRecord) => {
    if (!justDragged.current && pipeline) navigate(`/e/${pipeline.entity}/${record.id}`)
  }, [pipeline])

  const loadMore = async (stage: string) => {
    if (!pipeline || !board) return
    const column = board.columns.find((c) => c.stage === stage)
    if (!column) return
    setLoadingMore(stage)
    try {
      const page = await pipelinesApi.column(pipeline.name, stage, { scope, search: query, expand }, column.records.length, pageSize)
      setBoard((b) => b && {
        ...b,
        columns: b.columns.map((c) => c.stage !== stage ? c : {
          ...c, count: page.count, records: [...c.records, ...page.value.filter((r) => !c.records.some((x) => x.id === r.id))],
        }),
      })
    } catch (e) {
      toast(problemText(e), 'error')
    } finally {
      setLoadingMore(null)
    }
  }

  if (pipelines === null) return <Loading />
  if (!pipeline || !fields) return <ErrorState message={bt(i18n, pipelines.length ? 'unknownPipeline' : 'noPipelines', { name: pipelineName })} />

  const allowed = drag ? allowedTargets(pipeline, drag.from) : null
  const dropState = (stage: string): DropState => {
    if (!drag || !allowed) return 'idle'
    if (stage === drag.from) return 'source'
    if (!allowed.has(stage)) return 'blocked'
    return drag.over === stage ? 'over' : 'allowed'
  }
  const totalCount = board?.columns.filter((c) => !c.outcome).reduce((n, c) => n + c.count, 0) ?? 0
  const totalSum = board?.columns.filter((c) => !c.outcome).reduce((n, c) => n + (c.sum ?? 0), 0) ?? 0
  const entityLabel = i18n.label(fields.entity.pluralLabel ?? fields.entity.label, fields.entity.name)

  return (
    <div className="page board-page" data-testid="board">
      <div className="page-head">
        <div>
          <a href={`/e/${pipeline.entity}`} className="crumb" onClick={(e) => { e.preventDefault(); navigate(`/e/${pipeline.entity}`) }}>← {entityLabel}</a>
          <h1 data-testid="page-title">{pipeline.label}</h1>
          <p className="subtle">
            {board ? <>{bt(i18n, 'deals', { n: totalCount })} · {bt(i18n, 'total')} <strong className="num">{formatMoney(totalSum, i18n.locale)}</strong> · </> : null}
            {bt(i18n, 'boardHint')}
          </p>
        </div>
      </div>
      <div className="toolbar">
        <div className="segmented board-scope" role="group" aria-label={bt(i18n, 'scope')}>
          {scopes.map((s) => (
            <button key={s} type="button" aria-pressed={scope === s} className={scope === s ? 'on' : ''} data-testid={`scope-${s}`} onClick={() => setScope(s)}>
              {bt(i18n, `scope_${s}`)}
            </button>
          ))}
        </div>
        <input type="search" className="search" aria-label={bt(i18n, 'searchCards')} placeholder={bt(i18n, 'searchCards')} data-testid="board-search"
          value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <ForecastStrip pipeline={pipeline.name} scope={scope} version={changes} />
      {error ? <ErrorState message={error} onRetry={() => void load()} /> : !board ? <Loading /> : board.columns.length === 0 ? <Empty text={i18n.t('empty')} /> : (
        <div className="board-columns" data-testid="board-columns">
          {board.columns.map((column) => (
            <BoardColumn key={column.stage} column={column} pipeline={pipeline} fields={fields} dropState={dropState(column.stage)}
              blockedReason={drag ? bt(i18n, 'notAllowedHere', { from: stageLabel(drag.from) }) : undefined}
              searching={query.trim() !== ''} pendingId={pending} draggingId={drag?.record.id ?? null} loadingMore={loadingMore === column.stage}
              onLoadMore={() => void loadMore(column.stage)} onPointerDown={onPointerDown} onOpen={open} onMove={(r, from, to) => void move(r, from, to)} />
          ))}
        </div>
      )}
      {drag && (
        <div className="board-card board-ghost" aria-hidden="true" style={{ left: drag.x, top: drag.y, width: drag.width }}>
          <div className="board-card-title">{cardName(drag.record)}</div>
          <CardBody record={drag.record} fields={fields} />
        </div>
      )}
      {refusal && (
        <MoveRefusedDialog refusal={refusal} onClose={() => setRefusal(null)}
          onOpenRecord={() => { const id = refusal.recordId; setRefusal(null); navigate(`/e/${pipeline.entity}/${id}`) }} />
      )}
    </div>
  )
}

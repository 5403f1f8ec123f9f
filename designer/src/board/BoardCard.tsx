import { useEffect, useRef, useState } from 'react'
import type { CrmRecord } from '../api/types'
import type { Pipeline } from '../api/pipelines'
import { useApp } from '../app/AppContext'
import { formatDate } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { findEntity, primaryText } from '../lib/model'
import { allowedTargets, formatMoney } from './boardLogic'
import { bt } from './boardText'
import type { CardFields } from './cardFields'

interface Props {
  record: CrmRecord
  stage: string
  pipeline: Pipeline
  fields: CardFields
  pending: boolean
  dragging: boolean
  onPointerDown: (e: React.PointerEvent<HTMLElement>, record: CrmRecord, stage: string) => void
  onOpen: (record: CrmRecord) => void
  onMove: (record: CrmRecord, from: string, to: string) => void
}

/** A deal on the board: name, amount, party, close date and owner; opens on click, moves by drag or by its ⋯ menu. */
export function BoardCard({ record, stage, pipeline, fields, pending, dragging, onPointerDown, onOpen, onMove }: Props) {
  const i18n = useI18n()
  const [menuOpen, setMenuOpen] = useState(false)
  const title = fields.title ? String(record[fields.title.name] ?? '') : primaryText(fields.entity, record)
  return (
    <article className={`board-card${pending ? ' pending' : ''}${dragging ? ' lifted' : ''}`} data-testid="board-card" data-id={record.id}
      data-name={title} aria-busy={pending} onPointerDown={(e) => onPointerDown(e, record, stage)}>
      <div className="board-card-top">
        <a href={`/e/${fields.entity.name}/${record.id}`} className="board-card-title" draggable={false}
          onClick={(e) => { e.preventDefault(); onOpen(record) }}>{title || '—'}</a>
        <button type="button" className="icon board-card-menu" aria-haspopup="menu" aria-expanded={menuOpen} data-testid="card-move"
          aria-label={bt(i18n, 'moveCard', { name: title })} title={bt(i18n, 'moveTo')}
          onPointerDown={(e) => e.stopPropagation()} onClick={() => setMenuOpen((o) => !o)}>⋯</button>
      </div>
      <CardBody record={record} fields={fields} />
      {menuOpen && <MoveMenu pipeline={pipeline} stage={stage} onClose={() => setMenuOpen(false)} onPick={(to) => { setMenuOpen(false); onMove(record, stage, to) }} />}
    </article>
  )
}

/** The card's details, shared with the copy that follows the pointer while dragging. */
export function CardBody({ record, fields }: { record: CrmRecord; fields: CardFields }) {
  const { metadata, users } = useApp()
  const i18n = useI18n()
  const amount = fields.amount ? record[fields.amount.name] : null
  const close = fields.closeDate ? record[fields.closeDate.name] : null
  const party = fields.parties.map((f) => {
    const value = record[f.name]
    return value && typeof value === 'object' ? primaryText(findEntity(metadata, f.target ?? ''), value as Record<string, unknown>) : ''
  }).find(Boolean)
  const owner = users.get(String(record.owner ?? '')) ?? ''
  const overdue = typeof close === 'string' && close.slice(0, 10) < new Date().toISOString().slice(0, 10)
  return (
    <>
      <div className="board-card-amount num">{amount === null || amount === undefined ? <span className="muted">—</span> : formatMoney(Number(amount), i18n.locale)}</div>
      {party && <div className="board-card-party" title={party}><BuildingIcon />{party}</div>}
      <div className="board-card-foot">
        {typeof close === 'string' && close
          ? <span className={`board-card-date${overdue ? ' overdue' : ''}`}><CalendarIcon />{formatDate(close, i18n)}</span>
          : <span className="board-card-date muted"><CalendarIcon />—</span>}
        {owner && <span className="avatar small" title={owner}>{owner.slice(0, 2).toUpperCase()}</span>}
      </div>
    </>
  )
}

// Drawn inline: emoji depend on the machine's fonts and show as boxes where none is installed.
function BuildingIcon() {
  return (
    <svg width="13" height="13" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M4 21V5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v16M16 9h2a2 2 0 0 1 2 2v10M2 21h20M8 7h4M8 11h4M8 15h4" />
    </svg>
  )
}

function CalendarIcon() {
  return (
    <svg width="13" height="13" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <rect x="3" y="5" width="18" height="16" rx="2" /><path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  )
}

/** The keyboard (and touch) way to move a card: the pipeline's stages, those not allowed from here disabled. */
function MoveMenu({ pipeline, stage, onPick, onClose }: { pipeline: Pipeline; stage: string; onPick: (to: string) => void; onClose: () => void }) {
  const i18n = useI18n()
  const ref = useRef<HTMLDivElement>(null)
  const allowed = allowedTargets(pipeline, stage)
  const from = pipeline.stages.find((s) => s.name === stage)?.label ?? stage
  const close = useRef(onClose)
  close.current = onClose
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus()
    const outside = (e: PointerEvent) => { if (!ref.current?.contains(e.target as Node)) close.current() }
    document.addEventListener('pointerdown', outside)
    return () => document.removeEventListener('pointerdown', outside)
  }, [])
  const keys = (e: React.KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    if (e.key === 'Escape') { e.preventDefault(); onClose() }
    else if (e.key === 'ArrowDown') { e.preventDefault(); buttons[(index + 1) % buttons.length]?.focus() }
    else if (e.key === 'ArrowUp') { e.preventDefault(); buttons[(index - 1 + buttons.length) % buttons.length]?.focus() }
  }
  return (
    <div className="menu board-move-menu" role="menu" ref={ref} onKeyDown={keys} onPointerDown={(e) => e.stopPropagation()} data-testid="move-menu">
      <div className="menu-head">{bt(i18n, 'moveTo')}</div>
      {pipeline.stages.map((s) => {
        const current = s.name === stage
        const enabled = !current && allowed.has(s.name)
        return (
          <button key={s.name} type="button" role="menuitem" disabled={!enabled} data-testid={`move-to-${s.name}`} onClick={() => onPick(s.name)}
            title={current ? bt(i18n, 'currentStage') : enabled ? undefined : bt(i18n, 'notAllowedHere', { from })}>
            <span className="stage-dot" style={{ background: s.color ?? '#98a2b3' }} />{s.label}
            {current && <small className="muted">· {bt(i18n, 'currentStage')}</small>}
          </button>
        )
      })}
    </div>
  )
}

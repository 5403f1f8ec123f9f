import { useEffect, useRef } from 'react'
import { useI18n } from '../lib/i18n'
import { bt } from './boardText'

export interface Refusal {
  recordId: string
  name: string
  stage: string
  missing: { name: string; label: string }[]
  messages: string[]
}

/** Why a card did not move, in words: the fields the stage needs (with the way to fill them in), or where it may go. */
export function MoveRefusedDialog({ refusal, onOpenRecord, onClose }: { refusal: Refusal; onOpenRecord: () => void; onClose: () => void }) {
  const i18n = useI18n()
  const primary = useRef<HTMLButtonElement>(null)
  const close = useRef(onClose)
  close.current = onClose
  // Focus goes to the way out once, when the dialog opens; Escape closes it.
  useEffect(() => {
    primary.current?.focus()
    const escape = (e: KeyboardEvent) => { if (e.key === 'Escape') close.current() }
    window.addEventListener('keydown', escape)
    return () => window.removeEventListener('keydown', escape)
  }, [])
  return (
    <div className="overlay" onPointerDown={(e) => { if (e.target === e.currentTarget) onClose() }}>
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="refusal-title" aria-describedby="refusal-body" data-testid="move-refused">
        <div className="dialog-icon" aria-hidden="true">!</div>
        <div className="dialog-main">
          <h2 id="refusal-title">{bt(i18n, 'cannotMoveTitle', { name: refusal.name, stage: refusal.stage })}</h2>
          <div id="refusal-body">
            {refusal.missing.length > 0 && (
              <>
                <p>{bt(i18n, 'requiredIntro')}</p>
                <ul className="missing-fields" data-testid="missing-fields">
                  {refusal.missing.map((m) => <li key={m.name} data-field={m.name}>{m.label}</li>)}
                </ul>
              </>
            )}
            {refusal.messages.map((m) => <p key={m} className="muted">{m}</p>)}
          </div>
          <div className="dialog-actions">
            <button type="button" onClick={onClose} data-testid="refusal-close">{bt(i18n, 'close')}</button>
            <button type="button" className="primary" ref={primary} onClick={onOpenRecord} data-testid="refusal-open">
              {refusal.missing.length ? bt(i18n, 'openRecord') : bt(i18n, 'openRecordPlain')}
            </button>
          </div>
        </div>
      </div>
    </div>
  )
}

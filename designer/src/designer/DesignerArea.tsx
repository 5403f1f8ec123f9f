import { useCallback, useEffect, useMemo, useState } from 'react'
import { useApp } from '../app/AppContext'
import { useI18n } from '../lib/i18n'
import { navigate } from '../lib/router'
import { DesignerContext, type DesignerState } from './DesignerContext'
import { designerPages } from './designerPages'
import type { DesignDocument, DocumentError } from './types'
import { useText } from './useText'
import { clearCopy, fromLive, loadCopy, saveCopy, type StoredCopy } from './workingCopy'
import './designer.css'

interface Props {
  /** Segments after /designer. */
  path: string[]
  /** Reloads the shell's metadata after a publish or restore. */
  onPublished: () => void
}

/** The key users' Designer: a working copy of the model kept in the browser, pages to shape it, review and publish. */
export function DesignerArea({ path, onPublished }: Props) {
  const { metadata, me } = useApp()
  const i18n = useI18n()
  const tx = useText()
  const [copy, setCopy] = useState<StoredCopy | null>(() => loadCopy(me.id))
  const [errors, setErrors] = useState<DocumentError[]>([])
  const [focus, setFocus] = useState<string | null>(null)

  // Without local edits the working copy simply follows the live model.
  const document = useMemo(() => copy?.document ?? fromLive(metadata), [copy, metadata])
  const baseVersion = copy?.baseVersion ?? metadata.version
  const movedOn = copy !== null && copy.baseVersion !== metadata.version

  const update = useCallback((edit: (draft: DesignDocument) => void) => {
    setCopy((current) => {
      const draft = structuredClone(current?.document ?? fromLive(metadata))
      edit(draft)
      const next = { baseVersion: current?.baseVersion ?? metadata.version, document: draft }
      saveCopy(me.id, next)
      return next
    })
  }, [metadata, me.id])

  const discard = useCallback(() => {
    clearCopy(me.id)
    setCopy(null)
    setErrors([])
    setFocus(null)
  }, [me.id])

  const rebase = () => setCopy((current) => {
    if (!current) return current
    const next = { ...current, baseVersion: metadata.version }
    saveCopy(me.id, next)
    return next
  })

  const go = useCallback((target: string, focusPath: string | null = null) => {
    setFocus(focusPath)
    navigate(target)
  }, [])

  const published = useCallback(() => { discard(); onPublished() }, [discard, onPublished])

  useEffect(() => {
    if (!focus) return
    const element = window.document.querySelector('.designer .focused')
    element?.scrollIntoView({ block: 'center' })
  }, [focus, path])

  if (!me.administrator) {
    return <div className="page"><div className="alert error" role="alert">{tx('Only administrators can open the Designer.', 'Tasarım alanını yalnızca yöneticiler açabilir.')}</div></div>
  }

  const [key = 'entities', ...rest] = path
  const page = designerPages.find((p) => p.key === key) ?? designerPages[0]
  const state: DesignerState = { document, live: metadata, baseVersion, dirty: copy !== null, update, discard, published, errors, setErrors, focus, go }
  const link = (target: string) => (e: React.MouseEvent) => { e.preventDefault(); go(target) }

  return (
    <DesignerContext.Provider value={state}>
      <div className="designer" data-testid="designer">
        <div className="designer-head">
          <div>
            <span className="crumb">{tx('Designer', 'Tasarım')}</span>
            <h1>{tx('Shape your CRM', 'CRM’inizi şekillendirin')}</h1>
          </div>
          <div className="designer-status" data-testid="working-copy-status">
            {copy ? (
              <>
                <span className="badge pending"><span className="dot" />{tx('Unpublished changes', 'Yayınlanmamış değişiklikler')}</span>
                <button type="button" data-testid="discard-changes"
                  onClick={() => { if (window.confirm(tx('Discard all unpublished changes?', 'Yayınlanmamış tüm değişiklikler atılsın mı?'))) discard() }}>
                  {tx('Discard changes', 'Değişiklikleri at')}
                </button>
                <button type="button" className="primary" data-testid="go-publish" onClick={() => go('/designer/publish')}>
                  {tx('Review & publish', 'Gözden geçir ve yayınla')}
                </button>
              </>
            ) : (
              <span className="badge live"><span className="dot" />{tx(`Live version ${metadata.version}, no changes`, `Canlı sürüm ${metadata.version}, değişiklik yok`)}</span>
            )}
          </div>
        </div>
        {movedOn && (
          <div className="alert warning" role="alert" data-testid="moved-on-banner">
            <strong>{tx('The live model moved on', 'Canlı model değişti')}</strong>
            <p>{tx(
              `Version ${metadata.version} was published after you started from version ${copy.baseVersion}. Publishing your copy would replace those changes.`,
              `Siz ${copy.baseVersion}. sürümden başladıktan sonra ${metadata.version}. sürüm yayınlandı. Kopyanızı yayınlamak o değişikliklerin yerine geçer.`)}</p>
            <div className="alert-actions">
              <button type="button" onClick={discard} data-testid="moved-on-discard">{tx('Discard mine, start from the live version', 'Benimkileri at, canlı sürümden başla')}</button>
              <button type="button" onClick={rebase} data-testid="moved-on-keep">{tx('Keep mine', 'Benimkileri koru')}</button>
            </div>
          </div>
        )}
        <div className="designer-body">
          <nav className="designer-nav" aria-label={tx('Designer', 'Tasarım')}>
            {designerPages.map((p) => (
              <a key={p.key} href={`/designer/${p.key}`} onClick={link(`/designer/${p.key}`)} data-testid={`designer-nav-${p.key}`}
                className={p === page ? 'active' : undefined} aria-current={p === page ? 'page' : undefined}>
                <span aria-hidden="true" className="designer-nav-icon">{p.icon}</span>{i18n.language === 'tr' ? p.label.tr : p.label.en}
                {p.key === 'publish' && errors.length > 0 && <span className="count-bubble">{errors.length}</span>}
              </a>
            ))}
          </nav>
          <div className="designer-page">{page.render(rest)}</div>
        </div>
      </div>
    </DesignerContext.Provider>
  )
}

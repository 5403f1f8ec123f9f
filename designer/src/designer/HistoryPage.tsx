import { useCallback, useEffect, useState } from 'react'
import { problemText } from '../app/App'
import { useApp } from '../app/AppContext'
import { ErrorState, Loading } from '../app/States'
import { formatDateTime } from './formatDateTime'
import { ChangeList } from './ChangeList'
import { designerApi } from './designerApi'
import { useDesigner } from './DesignerContext'
import type { DocumentChange, VersionRow } from './types'
import { useText } from './useText'
import { useI18n } from '../lib/i18n'

/** Published versions, newest first: what each one changed, and restoring an older one as a new version. */
export function HistoryPage() {
  const { live, dirty, published } = useDesigner()
  const { toast } = useApp()
  const i18n = useI18n()
  const tx = useText()
  const [versions, setVersions] = useState<VersionRow[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<number | null>(null)
  const [changes, setChanges] = useState<DocumentChange[] | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)

  const load = useCallback(() => {
    setError(null)
    designerApi.versions().then((list) => setVersions([...list].sort((a, b) => b.version - a.version)), (e) => setError(problemText(e)))
  }, [])
  useEffect(load, [load, live.version])

  useEffect(() => {
    if (selected === null) return
    setChanges(null)
    const previous = versions?.filter((v) => v.version < selected).map((v) => v.version).sort((a, b) => b - a)[0]
    if (previous === undefined) { setChanges([]); return }
    designerApi.diff(previous, selected).then((d) => setChanges(d.changes), (e) => setError(problemText(e)))
  }, [selected, versions])

  const restore = async (version: number) => {
    setBusy(true)
    try {
      const r = await designerApi.restore(version, live.version)
      toast(tx(`Version ${version} restored as version ${r.version}`, `${version}. sürüm ${r.version}. sürüm olarak geri yüklendi`))
      setConfirming(false); setSelected(null)
      published()
    } catch (e) {
      toast(problemText(e), 'error')
    } finally {
      setBusy(false)
    }
  }

  if (error) return <ErrorState message={error} onRetry={load} />
  if (!versions) return <Loading />
  const row = versions.find((v) => v.version === selected)

  return (
    <div className="page" data-testid="designer-history">
      <div className="page-head">
        <div>
          <h2>{tx('Version history', 'Sürüm geçmişi')}</h2>
          <p className="subtle">{tx('Every publish is a version. Open one to see what it changed; restoring publishes its model again as a new version.', 'Her yayın bir sürümdür. Neyi değiştirdiğini görmek için birini açın; geri yüklemek onun modelini yeni bir sürüm olarak yeniden yayınlar.')}</p>
        </div>
      </div>
      <div className="history-layout">
        <div className="card table-card">
          <table className="records">
            <thead><tr><th>{tx('Version', 'Sürüm')}</th><th>{tx('Published', 'Yayınlanma')}</th><th>{tx('By', 'Yayınlayan')}</th><th>{tx('Note', 'Not')}</th></tr></thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} data-testid={`version-${v.version}`} className={v.version === selected ? 'selected' : undefined}
                  onClick={() => { setSelected(v.version); setConfirming(false) }}>
                  <td><strong>v{v.version}</strong>{v.version === live.version && <span className="badge live"><span className="dot" />{tx('live', 'canlı')}</span>}</td>
                  <td>{formatDateTime(v.publishedAt, i18n.locale)}</td>
                  <td>{v.author}</td>
                  <td>{v.comment ?? ''}{v.restoredFrom ? <span className="subtle"> ({tx(`restored from v${v.restoredFrom}`, `v${v.restoredFrom} sürümünden geri yüklendi`)})</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section className="card" data-testid="version-detail">
          {row ? (
            <>
              <div className="card-head">
                <h3>{tx(`What version ${row.version} changed`, `${row.version}. sürüm neyi değiştirdi`)}</h3>
                {row.version !== live.version && !confirming && (
                  <button type="button" data-testid="version-restore" onClick={() => setConfirming(true)}>{tx(`Restore version ${row.version}`, `${row.version}. sürümü geri yükle`)}</button>
                )}
              </div>
              {confirming && (
                <div className="alert warning" data-testid="restore-confirm">
                  <strong>{tx(`Restore version ${row.version}?`, `${row.version}. sürüm geri yüklensin mi?`)}</strong>
                  <p>{tx(`Its model is published again as version ${live.version + 1}; later changes are undone (their data is kept).`, `Modeli ${live.version + 1}. sürüm olarak yeniden yayınlanır; sonraki değişiklikler geri alınır (verileri korunur).`)}
                    {dirty && tx(' Your unpublished changes are discarded.', ' Yayınlanmamış değişiklikleriniz atılır.')}</p>
                  <div className="alert-actions">
                    <button type="button" onClick={() => setConfirming(false)}>{i18n.t('cancel')}</button>
                    <button type="button" className="primary" disabled={busy} data-testid="restore-confirm-yes" onClick={() => restore(row.version)}>{tx('Restore', 'Geri yükle')}</button>
                  </div>
                </div>
              )}
              {changes === null ? <Loading /> : <ChangeList changes={changes} testId="version-changes" />}
            </>
          ) : <p className="subtle">{tx('Select a version to see its changes.', 'Değişikliklerini görmek için bir sürüm seçin.')}</p>}
        </section>
      </div>
    </div>
  )
}

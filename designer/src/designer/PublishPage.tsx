import { useState } from 'react'
import { ProblemError } from '../api/client'
import { problemText } from '../app/App'
import { useApp } from '../app/AppContext'
import { Empty, Spinner } from '../app/States'
import { ChangeList } from './ChangeList'
import { designerApi } from './designerApi'
import { useDesigner } from './DesignerContext'
import { errorLink } from './errorLinks'
import type { DocumentError, PublishResult } from './types'
import { useText } from './useText'

/** Review & publish: the server's dry run of the working copy (errors linked to their element, diff, data impact), then publish. */
export function PublishPage() {
  const { document, baseVersion, dirty, errors, setErrors, go, published } = useDesigner()
  const { toast } = useApp()
  const tx = useText()
  const [result, setResult] = useState<PublishResult | null>(null)
  const [reviewed, setReviewed] = useState<string | null>(null)
  const [busy, setBusy] = useState<'review' | 'publish' | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [comment, setComment] = useState('')
  const current = JSON.stringify(document)
  const stale = reviewed !== null && reviewed !== current

  const review = async () => {
    setBusy('review'); setFailure(null)
    try {
      const r = await designerApi.preview(document)
      setResult(r); setReviewed(current); setErrors(r.errors)
    } catch (e) {
      setFailure(problemText(e))
    } finally {
      setBusy(null)
    }
  }

  const publish = async () => {
    setBusy('publish'); setFailure(null)
    try {
      const r = await designerApi.publish(document, baseVersion, comment)
      toast(tx(`Published version ${r.version}`, `${r.version}. sürüm yayınlandı`))
      setResult(null); setErrors([])
      published()
      go('/designer/history')
    } catch (e) {
      if (e instanceof ProblemError && e.status === 422) setErrors(e.problem.errors.map((x) => ({ path: x.path ?? '', code: x.code, message: x.message })))
      setFailure(e instanceof ProblemError && e.status === 412
        ? tx('Someone published a newer version meanwhile. Your copy was not published; see the banner above.', 'Bu arada biri daha yeni bir sürüm yayınladı. Kopyanız yayınlanmadı; yukarıdaki uyarıya bakın.')
        : problemText(e))
    } finally {
      setBusy(null)
    }
  }

  const blocking = result?.impact.filter((i) => i.blocking) ?? []
  const canPublish = result !== null && !stale && result.valid && blocking.length === 0 && result.changes.length > 0

  return (
    <div className="page" data-testid="designer-publish">
      <div className="page-head">
        <div>
          <h2>{tx('Review & publish', 'Gözden geçir ve yayınla')}</h2>
          <p className="subtle">{tx(`Your changes are checked against the live version ${baseVersion} and its data, without changing anything. Publishing makes them live for everyone at once.`,
            `Değişiklikleriniz canlı ${baseVersion}. sürüme ve verisine karşı hiçbir şeyi değiştirmeden denetlenir. Yayınlamak onları herkes için hemen canlıya alır.`)}</p>
        </div>
        <button type="button" className="primary" disabled={busy !== null || !dirty} data-testid="publish-review" onClick={review}>
          {busy === 'review' ? tx('Checking…', 'Denetleniyor…') : result ? tx('Check again', 'Yeniden denetle') : tx('Check my changes', 'Değişikliklerimi denetle')}
        </button>
      </div>
      {!dirty && <Empty text={tx('There are no unpublished changes. Edit entities, forms, views or pipelines first.', 'Yayınlanmamış değişiklik yok. Önce varlıkları, formları, görünümleri ya da hunileri düzenleyin.')} />}
      {failure && <p className="alert error" role="alert" data-testid="publish-failure">{failure}</p>}
      {busy === 'review' && <Spinner />}
      {stale && <p className="alert warning" data-testid="review-stale">{tx('You changed the model since this check. Check again before publishing.', 'Bu denetimden sonra modeli değiştirdiniz. Yayınlamadan önce yeniden denetleyin.')}</p>}
      {dirty && (result || errors.length > 0) && (
        <>
          <div className="summary-strip" data-testid="publish-summary">
            <span className={`summary-item${errors.length ? ' bad' : ' good'}`}><strong>{errors.length}</strong> {tx('errors', 'hata')}</span>
            {result && <span className={`summary-item${blocking.length ? ' bad' : ' good'}`}><strong>{blocking.reduce((n, i) => n + i.failingRows, 0)}</strong> {tx('rows would not convert', 'satır dönüşemez')}</span>}
            {result && <span className="summary-item"><strong>{result.changes.length}</strong> {tx('changes', 'değişiklik')}</span>}
          </div>
          {errors.length > 0 && <ErrorList errors={errors} />}
          {result && result.impact.length > 0 && (
            <section className="card" data-testid="publish-impact">
              <h3>{tx('Data impact', 'Veriye etkisi')}</h3>
              {result.impact.map((impact) => {
                const link = errorLink(document, impact.path)
                return (
                  <div key={impact.path} className={`impact${impact.blocking ? ' blocking' : ''}`} data-testid="impact">
                    <p>
                      {link ? <a href={link.href} onClick={(e) => { e.preventDefault(); go(link.href, link.focus) }}><strong>{link.element}</strong></a> : <strong>{impact.table}.{impact.column}</strong>}
                      {' — '}{impact.message}
                    </p>
                    {impact.blocking && <p className="alert error small">{tx('Publishing is blocked: these values would be lost. Correct the records or keep the old type.', 'Yayınlama engellendi: bu değerler kaybolur. Kayıtları düzeltin ya da eski türü koruyun.')}</p>}
                    {impact.samples.length > 0 && (
                      <table className="records compact" data-testid="impact-rows">
                        <thead><tr><th>{tx('Record', 'Kayıt')}</th><th>{tx('Value that would not convert', 'Dönüşemeyecek değer')}</th></tr></thead>
                        <tbody>
                          {impact.samples.map((s) => (
                            <tr key={s.id} data-testid="impact-row">
                              <td><a className="mono" href={`/e/${impact.table}/${s.id}`} target="_blank" rel="noreferrer">…{s.id.slice(-12)}</a></td>
                              <td>{s.value ?? '—'}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                    {impact.failingRows > impact.samples.length && <p className="subtle small">{tx(`and ${impact.failingRows - impact.samples.length} more`, `ve ${impact.failingRows - impact.samples.length} tane daha`)}</p>}
                  </div>
                )
              })}
            </section>
          )}
          {result && (
            <section className="card" data-testid="publish-diff">
              <h3>{tx(`Changes against version ${baseVersion}`, `${baseVersion}. sürüme göre değişiklikler`)}</h3>
              <ChangeList changes={result.changes} testId="publish-changes" />
              {result.ddl.length > 0 && (
                <details className="ddl">
                  <summary>{tx(`Database changes (${result.ddl.length} statements)`, `Veritabanı değişiklikleri (${result.ddl.length} komut)`)}</summary>
                  <pre>{result.ddl.join(';\n')}</pre>
                </details>
              )}
            </section>
          )}
          {result && (
            <section className="card publish-box">
              <label className="field-row">{tx('What changed, in a sentence (shown in the history)', 'Ne değişti, bir cümleyle (geçmişte görünür)')}
                <input value={comment} data-testid="publish-comment" placeholder={tx('e.g. Loyalty level on people', 'örn. Kişilere sadakat seviyesi')} onChange={(e) => setComment(e.target.value)} />
              </label>
              <div className="actions">
                <button type="button" className="primary" disabled={!canPublish || busy !== null} data-testid="publish-confirm" onClick={publish}>
                  {busy === 'publish' ? tx('Publishing…', 'Yayınlanıyor…') : tx('Publish', 'Yayınla')}
                </button>
                {!canPublish && <span className="subtle">{!result.valid ? tx('Fix the errors first.', 'Önce hataları düzeltin.') : blocking.length ? tx('Blocked by data that would be lost.', 'Kaybolacak veri nedeniyle engellendi.') : stale ? tx('Check again first.', 'Önce yeniden denetleyin.') : tx('Nothing to publish.', 'Yayınlanacak bir şey yok.')}</span>}
              </div>
            </section>
          )}
        </>
      )}
    </div>
  )
}

function ErrorList({ errors }: { errors: DocumentError[] }) {
  const { document, go } = useDesigner()
  const tx = useText()
  return (
    <section className="card" data-testid="publish-errors">
      <h3>{tx('Errors to fix', 'Düzeltilecek hatalar')}</h3>
      <p className="subtle">{tx('Click an error to open the element it is about.', 'Bir hataya tıklayın, ilgili öğe açılsın.')}</p>
      <ul className="error-list">
        {errors.map((e, i) => {
          const link = errorLink(document, e.path)
          return (
            <li key={i} data-testid="publish-error">
              {link
                ? <a href={link.href} data-testid="publish-error-link" onClick={(ev) => { ev.preventDefault(); go(link.href, link.focus) }}><strong>{link.element}</strong></a>
                : <strong className="mono">{e.path}</strong>}
              <span> — {e.message}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

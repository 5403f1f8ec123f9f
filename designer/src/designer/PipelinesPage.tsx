import { Empty } from '../app/States'
import { useI18n } from '../lib/i18n'
import { errorsUnder, useDesigner } from './DesignerContext'
import { LocalizedInput } from './LocalizedInput'
import { StageEditor } from './StageEditor'
import type { DesignPipeline } from './types'
import { useText } from './useText'

/** Pipelines of the working copy; /designer/pipelines/<name> edits one's settings and stages. */
export function PipelinesPage({ rest }: { rest: string[] }) {
  const { document, update, errors, focus, go } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const pipelines = document.pipelines ?? []
  const index = pipelines.findIndex((p) => p.name === rest[0])

  if (rest[0] && index < 0) return <Empty text={tx(`There is no pipeline named ${rest[0]}.`, `${rest[0]} adında bir huni yok.`)} />
  if (index < 0) {
    return (
      <div className="page" data-testid="designer-pipelines">
        <div className="page-head">
          <div>
            <h2>{tx('Pipelines', 'Satış hunileri')}</h2>
            <p className="subtle">{tx('The stages a deal goes through, with their probability and what a record needs to enter them.', 'Bir işin geçtiği aşamalar; olasılıkları ve kaydın girmek için neye ihtiyaç duyduğu.')}</p>
          </div>
        </div>
        {pipelines.length === 0 ? <Empty text={tx('No pipelines yet.', 'Henüz huni yok.')} /> : (
          <div className="pipeline-grid">
            {pipelines.map((p, i) => {
              const problems = errorsUnder(errors, `$.pipelines[${i}]`).length
              return (
                <a key={p.name} href={`/designer/pipelines/${p.name}`} className={`card pipeline-tile${problems ? ' has-error' : ''}`} data-testid={`designer-pipeline-${p.name}`}
                  onClick={(e) => { e.preventDefault(); go(`/designer/pipelines/${p.name}`) }}>
                  <strong>{i18n.label(p.label, p.name)}</strong>
                  <small className="subtle">{p.entity} · {tx(`${p.stages.length} stages`, `${p.stages.length} aşama`)}</small>
                  <div className="stage-strip">
                    {p.stages.map((s) => <span key={s.name} title={s.name} style={{ background: s.color ?? document.entities.find((e) => e.name === p.entity)?.fields.find((f) => f.name === p.field)?.options?.find((o) => o.value === s.name)?.color ?? '#94a3b8' }} />)}
                  </div>
                  {problems > 0 && <span className="badge error">{tx(`${problems} errors`, `${problems} hata`)}</span>}
                </a>
              )
            })}
          </div>
        )}
      </div>
    )
  }

  const pipeline = pipelines[index]
  const entity = document.entities.find((e) => e.name === pipeline.entity)
  const set = (next: DesignPipeline) => update((doc) => { doc.pipelines![index] = next })
  const numbers = (entity?.fields ?? []).filter((f) => ['currency', 'decimal', 'integer'].includes(f.type))
  const dates = (entity?.fields ?? []).filter((f) => f.type === 'date' || f.type === 'datetime')
  return (
    <div className="page" data-testid="pipeline-designer">
      <div className="page-head">
        <div>
          <a className="crumb" href="/designer/pipelines" onClick={(e) => { e.preventDefault(); go('/designer/pipelines') }}>← {tx('All pipelines', 'Tüm huniler')}</a>
          <h2>{i18n.label(pipeline.label, pipeline.name)} <small className="subtle mono">{pipeline.name}</small></h2>
        </div>
      </div>
      <div className="view-layout">
        <section className="card stack">
          <LocalizedInput label={tx('Pipeline name', 'Huni adı')} value={pipeline.label} testId="pipeline-label" onChange={(label) => set({ ...pipeline, label })} />
          <p className="subtle">{tx(`Records: ${i18n.label(entity?.pluralLabel ?? entity?.label, pipeline.entity)}; stage field: ${pipeline.field}`, `Kayıtlar: ${i18n.label(entity?.pluralLabel ?? entity?.label, pipeline.entity)}; aşama alanı: ${pipeline.field}`)}
            {pipeline.selector && tx(` — only those whose ${pipeline.selector.field} is ${pipeline.selector.value}`, ` — yalnızca ${pipeline.selector.field} değeri ${pipeline.selector.value} olanlar`)}</p>
          <label className="field-row">{tx('Amount (summed on the board)', 'Tutar (panoda toplanır)')}
            <select value={pipeline.amountField ?? ''} onChange={(e) => set({ ...pipeline, amountField: e.target.value || undefined })}>
              <option value="">—</option>
              {numbers.map((f) => <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
            </select>
          </label>
          <label className="field-row">{tx('Close date (puts a deal in a forecast period)', 'Kapanış tarihi (işi tahmin dönemine koyar)')}
            <select value={pipeline.closeDateField ?? ''} onChange={(e) => set({ ...pipeline, closeDateField: e.target.value || undefined })}>
              <option value="">—</option>
              {dates.map((f) => <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
            </select>
          </label>
        </section>
        <section className="card stack">
          <h3>{tx('Stages', 'Aşamalar')}</h3>
          <p className="help">{tx('Drag a stage to change the order the board shows.', 'Panodaki sırayı değiştirmek için bir aşamayı sürükleyin.')}</p>
          <StageEditor pipeline={pipeline} entity={entity} onChange={set} path={`$.pipelines[${index}]`} errors={errors} focus={focus} />
        </section>
      </div>
    </div>
  )
}

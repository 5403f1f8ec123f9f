import { useEffect, useState } from 'react'
import { pipelinesApi, type StageMoveRow } from '../api/pipelines'
import type { CrmRecord, EntityDefinition } from '../api/types'
import { useApp } from '../app/AppContext'
import { useI18n } from '../lib/i18n'
import { daysBetween } from './boardLogic'
import { bt } from './boardText'
import { moveDetail, moveTitle, stageLabel } from './stageTimeline'
import { usePipelines } from './usePipelines'
import './board.css'

/** On a record in a pipeline: where it is and since when, and each move (from → to, when, who, days in the stage left). */
export function StageHistoryBlock({ entity, record }: { entity: EntityDefinition; record: CrmRecord }) {
  const { users } = useApp()
  const i18n = useI18n()
  const pipelines = usePipelines()
  const inPipeline = (pipelines ?? []).some((p) => p.entity === entity.name)
  const [moves, setMoves] = useState<StageMoveRow[] | null>(null)
  useEffect(() => {
    if (!inPipeline) return
    let live = true
    pipelinesApi.stageHistory(entity.name, record.id).then((m) => live && setMoves(m), () => live && setMoves([]))
    return () => { live = false }
  }, [inPipeline, entity.name, record.id, record.version])
  if (!pipelines || !inPipeline) return null
  const last = moves && moves.length ? moves[moves.length - 1] : null
  const color = (pipeline: string, stage: string | null) => pipelines.find((p) => p.name === pipeline)?.stages.find((s) => s.name === stage)?.color ?? '#98a2b3'
  return (
    <section className="card" data-testid="stage-history" aria-labelledby="stage-history-title">
      <div className="card-head">
        <h3 id="stage-history-title">{bt(i18n, 'stageHistory')}</h3>
        {last && (
          <span className="stage-now" data-testid="stage-now">
            <span className="stage-dot" style={{ background: color(last.pipeline, last.toStage) }} />
            {bt(i18n, 'inStageFor', { stage: stageLabel(pipelines, last.pipeline, last.toStage), n: daysBetween(last.movedAt, new Date()) })}
          </span>
        )}
      </div>
      {moves === null ? <p className="muted">{i18n.t('loading')}</p> : moves.length === 0 ? <p className="muted">{bt(i18n, 'noStageHistory')}</p> : (
        <ol className="stage-history">
          {[...moves].reverse().map((move) => (
            <li key={move.id} data-testid="stage-move">
              <span className="stage-dot" style={{ background: color(move.pipeline, move.toStage) }} />
              <div>
                <div className="move-line">{moveTitle(move, pipelines, i18n)}</div>
                <div className="move-meta">{moveDetail(move, pipelines, i18n, users)}</div>
              </div>
              <time dateTime={move.movedAt}>{new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(move.movedAt))}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

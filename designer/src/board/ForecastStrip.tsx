import { useEffect, useState } from 'react'
import { pipelinesApi, type BoardScope, type ForecastRowData } from '../api/pipelines'
import { useI18n } from '../lib/i18n'
import { formatMoney, quarterOf } from './boardLogic'
import { bt } from './boardText'

/** This quarter's numbers for the pipeline in the chosen scope: open, weighted, won and the forecast (won + weighted). */
export function ForecastStrip({ pipeline, scope, version }: { pipeline: string; scope: BoardScope; version: number }) {
  const i18n = useI18n()
  const [row, setRow] = useState<ForecastRowData | null | 'error'>(null)
  useEffect(() => {
    let live = true
    const { from, to } = quarterOf(new Date())
    pipelinesApi.forecast(pipeline, scope, from, to, 'quarter').then((rows) => {
      if (!live) return
      const sum = (pick: (r: ForecastRowData) => number) => rows.reduce((total, r) => total + Number(pick(r)), 0)
      setRow({ period: from, key: null, label: null, openCount: sum((r) => r.openCount), openAmount: sum((r) => r.openAmount),
        weightedAmount: sum((r) => r.weightedAmount), wonCount: sum((r) => r.wonCount), wonAmount: sum((r) => r.wonAmount), forecast: sum((r) => r.forecast) })
    }, () => live && setRow('error'))
    return () => { live = false }
  }, [pipeline, scope, version])
  if (row === 'error') return null
  const money = (n: number | undefined) => (row ? formatMoney(n, i18n.locale) : '…')
  return (
    <section className="forecast-strip" aria-label={bt(i18n, 'forecastTitle')} data-testid="forecast-strip" title={bt(i18n, 'forecastHint')}>
      <div className="forecast-title"><strong>{bt(i18n, 'forecastTitle')}</strong><span className="muted small">{bt(i18n, 'forecastHint')}</span></div>
      <div><span>{bt(i18n, 'openPipeline')}</span><strong className="num">{money(row?.openAmount)}</strong></div>
      <div><span>{bt(i18n, 'weightedPipeline')}</span><strong className="num" data-testid="forecast-weighted">{money(row?.weightedAmount)}</strong></div>
      <div><span>{bt(i18n, 'wonAmount')}</span><strong className="num">{money(row?.wonAmount)}</strong></div>
      <div className="forecast-total"><span>{bt(i18n, 'forecast')}</span><strong className="num">{money(row?.forecast)}</strong></div>
    </section>
  )
}

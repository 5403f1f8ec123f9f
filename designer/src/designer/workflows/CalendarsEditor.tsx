import { useState } from 'react'
import { useI18n } from '../../lib/i18n'
import { apiName } from '../catalog'
import { LocalizedInput } from '../LocalizedInput'
import { useText } from '../useText'
import { weekDays, type Calendar } from './workflowTypes'

interface Props {
  calendars: Calendar[]
  onChange: (calendars: Calendar[]) => void
}

const dayNames: Record<string, [string, string]> = {
  monday: ['Mon', 'Pzt'], tuesday: ['Tue', 'Sal'], wednesday: ['Wed', 'Çar'], thursday: ['Thu', 'Per'], friday: ['Fri', 'Cum'], saturday: ['Sat', 'Cmt'], sunday: ['Sun', 'Paz'],
}

/** Business-hours calendars SLA time runs in: opening hours per weekday, time zone and holidays. */
export function CalendarsEditor({ calendars, onChange }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const [newName, setNewName] = useState('')
  const set = (i: number, c: Calendar) => onChange(calendars.map((x, j) => (j === i ? c : x)))
  return (
    <section className="card stack" data-testid="calendars">
      <h3>{tx('Business-hours calendars', 'Mesai takvimleri')}</h3>
      <p className="help">{tx('SLA time only runs while the calendar is open; holidays are skipped.', 'SLA süresi yalnızca takvim açıkken işler; tatiller atlanır.')}</p>
      {calendars.map((c, i) => (
        <div key={c.name} className="calendar-card" data-testid={`calendar-${c.name}`}>
          <div className="pair">
            <LocalizedInput label={`${tx('Calendar', 'Takvim')} (${c.name})`} value={c.label} testId={`calendar-label-${c.name}`} onChange={(label) => set(i, { ...c, label })} />
            <label className="field-row">{tx('Time zone', 'Saat dilimi')}<input value={c.timeZone ?? ''} placeholder="Europe/Istanbul" onChange={(e) => set(i, { ...c, timeZone: e.target.value })} /></label>
          </div>
          {(c.hours ?? []).map((h, k) => (
            <div key={k} className="hours-row">
              <div className="chips">
                {weekDays.map((d) => {
                  const on = h.days.includes(d)
                  return <button key={d} type="button" className={`chip${on ? ' on' : ''}`} aria-pressed={on}
                    onClick={() => set(i, { ...c, hours: c.hours!.map((x, j) => (j === k ? { ...x, days: on ? x.days.filter((y) => y !== d) : weekDays.filter((y) => y === d || x.days.includes(y)) } : x)) })}>{tx(dayNames[d][0], dayNames[d][1])}</button>
                })}
              </div>
              <input type="time" value={h.from} aria-label={tx('Opens', 'Açılış')} onChange={(e) => set(i, { ...c, hours: c.hours!.map((x, j) => (j === k ? { ...x, from: e.target.value } : x)) })} />
              <span>–</span>
              <input type="time" value={h.to} aria-label={tx('Closes', 'Kapanış')} onChange={(e) => set(i, { ...c, hours: c.hours!.map((x, j) => (j === k ? { ...x, to: e.target.value } : x)) })} />
              <button type="button" className="icon" aria-label={tx('Remove', 'Kaldır')} onClick={() => set(i, { ...c, hours: c.hours!.filter((_, j) => j !== k) })}>×</button>
            </div>
          ))}
          <button type="button" className="link" onClick={() => set(i, { ...c, hours: [...(c.hours ?? []), { days: ['saturday'], from: '10:00', to: '14:00' }] })}>+ {tx('Opening hours', 'Çalışma saatleri')}</button>
          <label className="field-row">{tx('Holidays (one date per line)', 'Tatiller (her satıra bir tarih)')}
            <textarea rows={3} className="mono" value={(c.holidays ?? []).join('\n')}
              onChange={(e) => { const days = e.target.value.split(/\s+/).filter(Boolean); const next: Calendar = { ...c, holidays: days }; if (!days.length) delete next.holidays; set(i, next) }} />
          </label>
          <button type="button" className="danger" onClick={() => onChange(calendars.filter((_, j) => j !== i))}>{tx('Remove calendar', 'Takvimi kaldır')}</button>
        </div>
      ))}
      <form className="inline-add rule-add" onSubmit={(e) => {
        e.preventDefault()
        const name = apiName(newName)
        if (!name || calendars.some((c) => c.name === name)) return
        onChange([...calendars, { name, label: { [i18n.language]: newName.trim() }, timeZone: 'Europe/Istanbul', hours: [{ days: weekDays.slice(0, 5), from: '09:00', to: '18:00' }] }])
        setNewName('')
      }}>
        <label>{tx('New calendar', 'Yeni takvim')}<input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder={tx('e.g. Business hours', 'ör. Mesai saatleri')} /></label>
        <button type="submit">{tx('Add calendar', 'Takvim ekle')}</button>
      </form>
    </section>
  )
}

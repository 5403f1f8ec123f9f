// The board's own UI strings, kept beside it (the shared i18n table stays small); labels of stages and fields come
// from the metadata in the user's language.
import type { I18n } from '../lib/i18n'

const strings = {
  en: {
    boardHint: 'Drag a card to another stage, or use its ⋯ menu. Stages a card cannot go to are dimmed while you drag.',
    scope: 'Show', scope_mine: 'My deals', scope_team: 'My team', scope_all: 'All',
    searchCards: 'Search deals…', deals: '{n} deals', deal1: '1 deal', total: 'Total', weighted: 'Weighted',
    loadMore: 'Load {n} more', noCards: 'No deals in this stage', noCardsSearch: 'No deals match your search',
    moveTo: 'Move to…', moveCard: 'Move {name}', moving: 'Moving…', movedTo: '{name} moved to {stage}',
    cannotMoveTitle: "{name} can't move to {stage}", requiredIntro: 'Fill in these fields first:',
    transitionIntro: 'From {from} a deal can go to: {targets}.', transitionNone: 'From {from} a deal cannot be moved.',
    openRecord: 'Open record to fill them in', openRecordPlain: 'Open record', close: 'Close',
    conflictMove: '{name} was changed by someone else; the board is refreshed. Try the move again.',
    notAllowedHere: 'Not allowed from {from}', currentStage: 'current stage',
    forecastTitle: 'This quarter', openPipeline: 'Open pipeline', weightedPipeline: 'Weighted pipeline', wonAmount: 'Won',
    forecast: 'Forecast', forecastHint: 'Deals closing this quarter; weighted = amount × stage probability.',
    noPipelines: 'No pipelines are defined yet.', unknownPipeline: "There is no pipeline called '{name}'.",
    stageHistory: 'Stage history', noStageHistory: 'No stage changes yet.', daysIn: '{n} days in {stage}',
    inStageFor: 'In {stage} for {n} days', created: 'Entered the pipeline at {stage}', stageChange: 'Stage: {from} → {to}',
    by: 'by {who}', source_automation: 'automation', source_import: 'import', source_workflow: 'workflow', kind_stage: 'Stage changes',
    closes: 'Closes {date}', probability: '{p}% probability', boardLink: 'Board',
  },
  tr: {
    boardHint: 'Bir kartı başka bir aşamaya sürükleyin ya da ⋯ menüsünü kullanın. Kartın gidemeyeceği aşamalar sürüklerken soluk görünür.',
    scope: 'Göster', scope_mine: 'Fırsatlarım', scope_team: 'Ekibim', scope_all: 'Tümü',
    searchCards: 'Fırsat ara…', deals: '{n} fırsat', deal1: '1 fırsat', total: 'Toplam', weighted: 'Ağırlıklı',
    loadMore: '{n} tane daha yükle', noCards: 'Bu aşamada fırsat yok', noCardsSearch: 'Aramanıza uyan fırsat yok',
    moveTo: 'Taşı…', moveCard: '{name} taşı', moving: 'Taşınıyor…', movedTo: '{name}, {stage} aşamasına taşındı',
    cannotMoveTitle: '{name}, {stage} aşamasına taşınamıyor', requiredIntro: 'Önce şu alanları doldurun:',
    transitionIntro: '{from} aşamasından gidilebilecek aşamalar: {targets}.', transitionNone: '{from} aşamasındaki bir fırsat taşınamaz.',
    openRecord: 'Doldurmak için kaydı aç', openRecordPlain: 'Kaydı aç', close: 'Kapat',
    conflictMove: '{name} başka biri tarafından değiştirildi; pano yenilendi. Taşımayı yeniden deneyin.',
    notAllowedHere: '{from} aşamasından gidilemez', currentStage: 'şu anki aşama',
    forecastTitle: 'Bu çeyrek', openPipeline: 'Açık fırsatlar', weightedPipeline: 'Ağırlıklı tutar', wonAmount: 'Kazanılan',
    forecast: 'Tahmin', forecastHint: 'Bu çeyrekte kapanması beklenen fırsatlar; ağırlıklı = tutar × aşama olasılığı.',
    noPipelines: 'Henüz tanımlı bir satış hattı yok.', unknownPipeline: "'{name}' adında bir satış hattı yok.",
    stageHistory: 'Aşama geçmişi', noStageHistory: 'Henüz aşama değişikliği yok.', daysIn: '{stage} aşamasında {n} gün',
    inStageFor: '{n} gündür {stage} aşamasında', created: 'Satış hattına {stage} aşamasında girdi', stageChange: 'Aşama: {from} → {to}',
    by: '{who} tarafından', source_automation: 'otomasyon', source_import: 'içe aktarma', source_workflow: 'iş akışı', kind_stage: 'Aşama değişiklikleri',
    closes: 'Kapanış {date}', probability: '%{p} olasılık', boardLink: 'Pano',
  },
} satisfies Record<'en' | 'tr', Record<string, string>>

export type BoardTextKey = keyof (typeof strings)['en']

/** A board string in the user's language with {placeholders} filled in. */
export function bt(i18n: I18n, key: BoardTextKey, values?: Record<string, string | number>): string {
  let text: string = strings[i18n.language][key] ?? strings.en[key]
  for (const [name, value] of Object.entries(values ?? {})) text = text.replaceAll(`{${name}}`, String(value))
  return text
}

// The Designer's sub-navigation. A later screen (rules, templates, workflows, security) adds one entry here:
// its URL segment, label, icon and the page it renders for /designer/<key>/<rest…>.
import type { ReactNode } from 'react'
import { EntitiesPage } from './EntitiesPage'
import { FormsPage } from './FormsPage'
import { HistoryPage } from './HistoryPage'
import { PipelinesPage } from './PipelinesPage'
import { PublishPage } from './PublishPage'
import { ViewsPage } from './ViewsPage'
import { RulesPage } from './automation/RulesPage'
import { WorkflowsPage } from './workflows/WorkflowsPage'
import { TemplatesPage } from './templates/TemplatesPage'
import { SecurityPage } from './security/SecurityPage'

export interface DesignerPage {
  key: string
  label: { en: string; tr: string }
  icon: string
  render: (rest: string[]) => ReactNode
}

export const designerPages: DesignerPage[] = [
  { key: 'entities', label: { en: 'Entities & fields', tr: 'Varlıklar ve alanlar' }, icon: '▦', render: (rest) => <EntitiesPage rest={rest} /> },
  { key: 'forms', label: { en: 'Form layouts', tr: 'Form düzenleri' }, icon: '▤', render: (rest) => <FormsPage rest={rest} /> },
  { key: 'views', label: { en: 'List views', tr: 'Liste görünümleri' }, icon: '☰', render: (rest) => <ViewsPage rest={rest} /> },
  { key: 'pipelines', label: { en: 'Pipelines', tr: 'Satış hunileri' }, icon: '⇶', render: (rest) => <PipelinesPage rest={rest} /> },
  { key: 'automation', label: { en: 'Automation rules', tr: 'Otomasyon kuralları' }, icon: '⚡', render: (rest) => <RulesPage rest={rest} /> },
  { key: 'workflows', label: { en: 'Workflows & SLA', tr: 'İş akışları ve SLA' }, icon: '⇆', render: (rest) => <WorkflowsPage rest={rest} /> },
  { key: 'templates', label: { en: 'Message templates', tr: 'Mesaj şablonları' }, icon: '✉', render: (rest) => <TemplatesPage rest={rest} /> },
  { key: 'security', label: { en: 'Security', tr: 'Güvenlik' }, icon: '◈', render: (rest) => <SecurityPage rest={rest} /> },
  { key: 'publish', label: { en: 'Review & publish', tr: 'Gözden geçir ve yayınla' }, icon: '⬆', render: () => <PublishPage /> },
  { key: 'history', label: { en: 'Version history', tr: 'Sürüm geçmişi' }, icon: '⟲', render: () => <HistoryPage /> },
]

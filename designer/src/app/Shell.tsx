import { useState } from 'react'
import type { Module } from '../api/types'
import { DesignerArea } from '../designer/DesignerArea'
import { EntityIcon } from '../designer/EntityIcon'
import { useI18n } from '../lib/i18n'
import { activeEntities } from '../lib/model'
import { navigate, useRoute } from '../lib/router'
import { useApp } from './AppContext'
import { LanguageSwitch } from './LanguageSwitch'
import { BoardPage } from '../board/BoardPage'
import { PipelineNav } from '../board/PipelineNav'
import { ListPage } from './ListPage'
import { MyTasks } from './MyTasks'
import { MyApprovals, approvesAnything } from '../workflow/MyApprovals'
import { RecordPage } from './RecordPage'

const modules: Module[] = ['sales', 'marketing', 'service', 'settings']

interface Props {
  onSignOut: () => void
  onRefresh: () => void
}

/** The signed-in frame: sidebar of modules and entities, top bar with language and user menu, the page. */
export function Shell({ onSignOut, onRefresh }: Props) {
  const { metadata, me } = useApp()
  const i18n = useI18n()
  const route = useRoute()
  const [menuOpen, setMenuOpen] = useState(false)
  const entities = activeEntities(metadata)
  const current = route.page === 'list' || route.page === 'record' ? route.entity : null

  const link = (path: string) => (e: React.MouseEvent) => { e.preventDefault(); navigate(path) }

  let page
  if (route.page === 'list') page = <ListPage key={route.entity} entityName={route.entity} />
  else if (route.page === 'board') page = <BoardPage key={route.pipeline} pipelineName={route.pipeline} />
  else if (route.page === 'record') page = <RecordPage key={`${route.entity}/${route.id}`} entityName={route.entity} id={route.id} />
  else if (route.page === 'designer') page = <DesignerArea path={route.path} onPublished={onRefresh} />
  else if (route.page === 'approvals') page = <MyApprovals />
  else page = <MyTasks />

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <a className="brand" href="/" onClick={link('/')}>
          <span className="logo-mark">N</span> NoCodeCrm
        </a>
        <a href="/tasks" onClick={link('/tasks')} className={`nav-item${route.page === 'tasks' || route.page === 'home' ? ' active' : ''}`} data-testid="nav-tasks">
          <span className="nav-icon" aria-hidden="true">✓</span>{i18n.t('myTasks')}
        </a>
        {approvesAnything(metadata, me.roles, me.administrator) && (
          <a href="/approvals" onClick={link('/approvals')} className={`nav-item${route.page === 'approvals' ? ' active' : ''}`} data-testid="nav-approvals">
            <span className="nav-icon" aria-hidden="true">✔</span>{i18n.language === 'tr' ? 'Onaylarım' : 'My approvals'}
          </a>
        )}
        {modules.map((module) => {
          const inModule = entities.filter((e) => (e.module ?? 'settings') === module)
          if (inModule.length === 0) return null
          return (
            <div key={module} className="nav-group" data-testid={`module-${module}`}>
              <h4>{i18n.t(`modules_${module}`)}</h4>
              <PipelineNav module={module} />
              {inModule.map((entity) => (
                <a key={entity.name} href={`/e/${entity.name}`} onClick={link(`/e/${entity.name}`)} data-testid={`entity-${entity.name}`}
                  className={`nav-item${current === entity.name ? ' active' : ''}`} aria-current={current === entity.name ? 'page' : undefined}>
                  <span className="nav-icon" aria-hidden="true">{(entity as { icon?: string }).icon
                    ? <EntityIcon name={(entity as { icon?: string }).icon} size={13} /> : i18n.label(entity.pluralLabel ?? entity.label, entity.name).slice(0, 1)}</span>
                  {i18n.label(entity.pluralLabel ?? entity.label, entity.name)}
                </a>
              ))}
            </div>
          )
        })}
        {me.administrator && (
          <a href="/designer" onClick={link('/designer')} className={`nav-item designer-link${route.page === 'designer' ? ' active' : ''}`} data-testid="nav-designer">
            <span className="nav-icon" aria-hidden="true">✎</span>{i18n.language === 'tr' ? 'Tasarım' : 'Designer'}
          </a>
        )}
      </nav>
      <div className="main">
        <header className="topbar">
          <div className="topbar-title" />
          <LanguageSwitch />
          <div className="user-menu">
            <button type="button" className="avatar-button" aria-haspopup="menu" aria-expanded={menuOpen} data-testid="user-menu"
              onClick={() => setMenuOpen((o) => !o)} onBlur={() => window.setTimeout(() => setMenuOpen(false), 150)}>
              <span className="avatar">{me.username.slice(0, 2).toUpperCase()}</span>
              <span>{me.username}</span>
            </button>
            {menuOpen && (
              <div className="menu" role="menu">
                <div className="menu-head">{me.username}<small>{me.roles.join(', ')}</small></div>
                <button type="button" role="menuitem" data-testid="sign-out" onMouseDown={onSignOut}>{i18n.t('signOut')}</button>
              </div>
            )}
          </div>
        </header>
        <main className="content">{page}</main>
      </div>
    </div>
  )
}

// A tiny history router: the runtime serves index.html for deep links, so paths are real URLs.
import { useEffect, useState } from 'react'

export type Route =
  | { page: 'home' }
  | { page: 'tasks' }
  | { page: 'approvals' }
  | { page: 'list'; entity: string }
  | { page: 'record'; entity: string; id: string | null }
  | { page: 'board'; pipeline: string }
  | { page: 'designer'; path: string[] }

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent)
  if (parts[0] === 'tasks') return { page: 'tasks' }
  if (parts[0] === 'approvals') return { page: 'approvals' }
  if (parts[0] === 'board' && parts[1]) return { page: 'board', pipeline: parts[1] }
  if (parts[0] === 'designer') return { page: 'designer', path: parts.slice(1) }
  if (parts[0] === 'e' && parts[1]) {
    if (parts[2] === 'new') return { page: 'record', entity: parts[1], id: null }
    if (parts[2]) return { page: 'record', entity: parts[1], id: parts[2] }
    return { page: 'list', entity: parts[1] }
  }
  return { page: 'home' }
}

export function navigate(path: string): void {
  if (window.location.pathname + window.location.search === path) return
  window.history.pushState(null, '', path)
  window.dispatchEvent(new PopStateEvent('popstate'))
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname))
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname))
    window.addEventListener('popstate', update)
    return () => window.removeEventListener('popstate', update)
  }, [])
  return route
}

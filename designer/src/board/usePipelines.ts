import { useEffect, useState } from 'react'
import { pipelinesApi, type Pipeline } from '../api/pipelines'
import { useApp } from '../app/AppContext'
import { useI18n } from '../lib/i18n'

// One request per model version and language, shared by the navigation, the board, the record page and the
// timeline: labels come back in the request's language, and a publish may add or change pipelines.
const cache = new Map<string, Promise<Pipeline[]>>()

/** The published pipelines for a model version, in the UI's language (the request carries it). */
export function loadPipelines(version: number, language: string): Promise<Pipeline[]> {
  const key = `${version}:${language}`
  let request = cache.get(key)
  if (!request) {
    request = pipelinesApi.list()
    cache.set(key, request)
    request.catch(() => cache.delete(key))
  }
  return request
}

/** The published pipelines (null while loading; an empty list when there are none or they could not be read). */
export function usePipelines(): Pipeline[] | null {
  const { metadata } = useApp()
  const { language } = useI18n()
  const key = `${metadata.version}:${language}`
  const [state, setState] = useState<{ key: string; value: Pipeline[] } | null>(null)
  useEffect(() => {
    let live = true
    loadPipelines(metadata.version, language).then((value) => live && setState({ key, value }), () => live && setState({ key, value: [] }))
    return () => { live = false }
  }, [key, metadata.version, language])
  return state?.key === key ? state.value : null
}

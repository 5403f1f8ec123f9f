import { createContext, useContext } from 'react'
import type { Metadata } from '../api/types'
import type { DesignDocument, DocumentError } from './types'

/** The designer's shared state: the working copy, how it relates to the live version, and the last check's errors. */
export interface DesignerState {
  document: DesignDocument
  live: Metadata
  baseVersion: number
  dirty: boolean
  /** Applies an edit to a fresh copy of the working document and stores it. */
  update: (edit: (draft: DesignDocument) => void) => void
  discard: () => void
  /** After a publish or restore: the working copy is done with, and the shell reloads the model. */
  published: () => void
  /** Errors of the last review, by JSON path into the working copy. */
  errors: DocumentError[]
  setErrors: (errors: DocumentError[]) => void
  /** The element a followed error link points at; it is highlighted and scrolled into view. */
  focus: string | null
  go: (path: string, focus?: string | null) => void
}

export const DesignerContext = createContext<DesignerState | null>(null)

export function useDesigner(): DesignerState {
  const state = useContext(DesignerContext)
  if (!state) throw new Error('useDesigner outside the designer area')
  return state
}

/** The errors at a path or inside it ($.entities[0] holds $.entities[0].fields[2].name). */
export function errorsUnder(errors: DocumentError[], path: string): DocumentError[] {
  return errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`))
}

export function isFocused(focus: string | null, path: string): boolean {
  return focus !== null && (focus === path || focus.startsWith(`${path}.`) || focus.startsWith(`${path}[`))
}

// Where an error's JSON path lives in the designer: the page that edits the element, and the path to highlight.
import type { DesignDocument } from './types'

export interface ErrorLink {
  href: string
  focus: string
  /** The element in words: "person › loyalty_level". */
  element: string
}

export function errorLink(doc: DesignDocument, path: string): ErrorLink | null {
  const entity = /^\$\.entities\[(\d+)\](?:\.fields\[(\d+)\])?/.exec(path)
  if (entity) {
    const e = doc.entities[Number(entity[1])]
    if (!e) return null
    if (entity[2] !== undefined) {
      const f = e.fields[Number(entity[2])]
      return { href: `/designer/entities/${e.name}/fields/${entity[2]}`, focus: entity[0], element: `${e.name} › ${f?.name ?? entity[2]}` }
    }
    return { href: `/designer/entities/${e.name}`, focus: entity[0], element: e.name }
  }
  const other = /^\$\.(forms|views|pipelines)\[(\d+)\]/.exec(path)
  if (other) {
    const list = (doc[other[1]] as { name: string }[] | undefined) ?? []
    const item = list[Number(other[2])]
    if (!item) return null
    return { href: `/designer/${other[1]}/${item.name}`, focus: path, element: item.name }
  }
  return null
}

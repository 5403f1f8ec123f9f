/** A copy of the list with the item at `from` moved to `to` (the designer's reorder buttons and drops). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item)
  return next
}

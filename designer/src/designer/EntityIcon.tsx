// The entity icons of the document schema's set, as line drawings (no emoji font is needed to show them).
const paths: Record<string, string> = {
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6',
  building: 'M5 21V3h14v18M9 7h2M13 7h2M9 11h2M13 11h2M10 21v-4h4v4',
  briefcase: 'M3 7h18v13H3zM8 7V4h8v3M3 12h18',
  target: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM12 12h.01',
  phone: 'M5 3h4l2 5-3 2a11 11 0 0 0 6 6l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z',
  check: 'M4 12l5 5L20 6',
  ticket: 'M3 6h18v4a2 2 0 0 0 0 4v4H3v-4a2 2 0 0 0 0-4zM14 6v12',
  document: 'M6 3h8l4 4v14H6zM14 3v4h4M9 12h6M9 16h6',
  box: 'M3 7l9-4 9 4v10l-9 4-9-4zM3 7l9 4 9-4M12 11v10',
  megaphone: 'M3 10v4h3l8 5V5l-8 5zM18 9a4 4 0 0 1 0 6',
  cart: 'M3 4h2l3 11h10l2-7H7M9 20h.01M17 20h.01',
  star: 'M12 3l2.8 5.8 6.2.9-4.5 4.4 1 6.2L12 17.4 6.5 20.3l1-6.2L3 9.7l6.2-.9z',
  calendar: 'M3 5h18v16H3zM3 10h18M8 3v4M16 3v4',
  chart: 'M4 20V10M10 20V4M16 20v-7M2 20h20',
}

export const iconNames = Object.keys(paths)

/** One entity icon by name, or nothing for an unknown name. */
export function EntityIcon({ name, size = 18 }: { name: string | undefined; size?: number }) {
  const d = name ? paths[name] : undefined
  if (!d) return null
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={d} />
    </svg>
  )
}

import { useI18n } from '../lib/i18n'

export function Spinner({ label }: { label?: string }) {
  const { t } = useI18n()
  return <div className="spinner" role="status" aria-label={label ?? t('loading')}><span /></div>
}

export function Loading() {
  const { t } = useI18n()
  return <div className="state" data-testid="loading"><Spinner /><p>{t('loading')}</p></div>
}

export function Empty({ text, children }: { text: string; children?: React.ReactNode }) {
  return (
    <div className="state empty" data-testid="empty">
      <svg width="48" height="48" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M4 4h16v2H4zm0 5h16v2H4zm0 5h10v2H4z" opacity=".35" /></svg>
      <p>{text}</p>
      {children}
    </div>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useI18n()
  return (
    <div className="state error" role="alert" data-testid="error-state">
      <strong>{t('error')}</strong>
      <p>{message}</p>
      {onRetry && <button type="button" onClick={onRetry}>{t('retry')}</button>}
    </div>
  )
}

// The templates section of the metadata document (docs/automation.md, docs/security.md#consent). Unknown keys stay.
import type { LocalizedText } from '../../api/types'

export type Channel = 'email' | 'sms' | 'whatsapp' | 'push' | 'notification'

export interface Template {
  name: string
  entity?: string
  channel: Channel
  purpose?: string
  label?: LocalizedText
  description?: LocalizedText
  subject?: LocalizedText
  html?: LocalizedText
  text?: LocalizedText
  [key: string]: unknown
}

export interface RenderedMessage {
  subject?: string
  text?: string
  html?: string
  channel: string
  language: string
}

export const channels: { channel: Channel; en: string; tr: string; parts: ('subject' | 'html' | 'text')[] }[] = [
  { channel: 'email', en: 'E-mail', tr: 'E-posta', parts: ['subject', 'html', 'text'] },
  { channel: 'sms', en: 'SMS', tr: 'SMS', parts: ['text'] },
  { channel: 'whatsapp', en: 'WhatsApp', tr: 'WhatsApp', parts: ['text'] },
  { channel: 'push', en: 'Push notification', tr: 'Anlık bildirim', parts: ['subject', 'text'] },
  { channel: 'notification', en: 'In-app notification', tr: 'Uygulama içi bildirim', parts: ['subject', 'text'] },
]

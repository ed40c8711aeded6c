import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { call } from './api'
import { App } from './app/App'
import { initI18n } from './i18n'
import { NotificationsProvider } from './ui/Notifications'
import './styles.css'

async function start() {
  const [settings, current] = await Promise.all([
    call('settings:get', {}),
    call('projects:current', {}),
  ])
  const language = settings.ok ? settings.value.language : 'system'
  await initI18n(language)
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root')
  createRoot(root).render(
    <StrictMode>
      <NotificationsProvider>
        <App initialProject={current.ok ? current.value : null} initialLanguage={language} />
      </NotificationsProvider>
    </StrictMode>,
  )
}

void start()

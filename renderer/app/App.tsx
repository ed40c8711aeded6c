import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MenuCommand } from '../../shared/api'
import type { ProjectInfo } from '../../shared/model/project'
import type { UiLanguagePreference } from '../../shared/model/settings'
import { call, subscribe } from '../api'
import { applyLanguage, systemLanguage } from '../i18n'
import { ProjectScreen } from '../project/ProjectScreen'
import { StartScreen } from '../project/StartScreen'
import { SharingHost } from '../sharing/SharingHost'
import { useNotifications } from '../ui/Notifications'
import { isTypingTarget } from '../reader/kinds'
import {
  commandForKey,
  requestAddEvidence,
  requestImport,
  requestOpenShared,
  requestReportExport,
  requestShare,
  requestStandardExport,
  requestStandardImport,
} from './commands'

interface AppProps {
  initialProject: ProjectInfo | null
  initialLanguage: UiLanguagePreference
}

export function App({ initialProject, initialLanguage }: AppProps) {
  const { t } = useTranslation()
  const notify = useNotifications()
  const [project, setProject] = useState<ProjectInfo | null>(initialProject)
  const [language, setLanguage] = useState<UiLanguagePreference>(initialLanguage)
  const [addingArticle, setAddingArticle] = useState(false)
  // Bumped to ask the start screen to focus its form; a counter so repeating works.
  const [newProjectRequest, setNewProjectRequest] = useState(0)

  useEffect(() => subscribe('project:changed', (e) => setProject(e.project)), [])

  const openFolder = useCallback(
    async (folder?: string) => {
      let target = folder
      if (!target) {
        const chosen = await call('dialogs:chooseFolder', { purpose: 'open-project' })
        if (!chosen.ok) return notify.error(chosen.error)
        if (!chosen.value) return
        target = chosen.value
      }
      const opened = await call('projects:open', { folder: target })
      if (!opened.ok) return notify.error(opened.error)
      setProject(opened.value)
    },
    [notify],
  )

  const runCommand = useCallback(
    async (command: MenuCommand) => {
      switch (command.command) {
        case 'new-project': {
          const closed = await call('projects:close', {})
          if (!closed.ok) return notify.error(closed.error)
          setProject(null)
          setNewProjectRequest((n) => n + 1)
          return
        }
        case 'open-project':
          return openFolder()
        case 'open-recent':
          return openFolder(command.folder)
        case 'close-project': {
          const closed = await call('projects:close', {})
          if (!closed.ok) return notify.error(closed.error)
          setProject(null)
          return
        }
        case 'add-article':
          if (project) setAddingArticle(true)
          return
        case 'import-articles':
          if (project) requestImport()
          return
        case 'add-evidence':
          if (project) requestAddEvidence()
          return
        case 'export-report':
          if (project) requestReportExport()
          return
        case 'export-standard':
          if (project) requestStandardExport(command.format)
          return
        case 'import-standard':
          if (project) requestStandardImport(command.format)
          return
        case 'share-project':
          if (project) requestShare()
          return
        case 'open-shared':
          requestOpenShared(command.path)
          return
        case 'search':
          document.querySelector<HTMLInputElement>('.search-box')?.focus()
          return
        case 'undo':
        case 'redo': {
          if (!project) return
          const result = await call(
            command.command === 'undo' ? 'history:undo' : 'history:redo',
            {},
          )
          if (!result.ok) notify.info(result.error.message)
          return
        }
      }
    },
    [notify, openFolder, project],
  )

  useEffect(
    () =>
      subscribe('menu:command', (c) => {
        const typing = isTypingTarget(document.activeElement)
        if ((c.command === 'undo' || c.command === 'redo') && typing) {
          // The menu's Undo/Redo act on the focused text field when there is one.
          document.execCommand(c.command)
          return
        }
        void runCommand(c)
      }),
    [runCommand],
  )
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = commandForKey(event)
      if (!command) return
      // In a text field, undo and redo belong to the field.
      if ((command === 'undo' || command === 'redo') && isTypingTarget(event.target)) return
      event.preventDefault()
      void runCommand({ command })
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [runCommand])

  const changeLanguage = async (next: UiLanguagePreference) => {
    const saved = await call('settings:update', { language: next })
    if (!saved.ok) return notify.error(saved.error)
    setLanguage(next)
    await applyLanguage(next)
  }

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        {project && <span className="topbar-project">{project.name}</span>}
        <span className="spacer" />
        <label className="language-picker">
          <span>{t('app.language')}</span>
          <select
            value={language}
            onChange={(e) => void changeLanguage(e.target.value as UiLanguagePreference)}
          >
            <option value="system">
              {t('app.languageSystem', { lang: systemLanguage().toUpperCase() })}
            </option>
            <option value="en">English</option>
            <option value="de">Deutsch</option>
          </select>
        </label>
      </header>
      {project ? (
        <ProjectScreen
          project={project}
          onProjectChange={setProject}
          onClose={() => void runCommand({ command: 'close-project' })}
          addingArticle={addingArticle}
          onAddingArticleChange={setAddingArticle}
        />
      ) : (
        <StartScreen
          onOpened={setProject}
          onOpenFolder={(f) => void openFolder(f)}
          newProjectRequest={newProjectRequest}
        />
      )}
      <SharingHost project={project} onOpened={setProject} />
    </div>
  )
}

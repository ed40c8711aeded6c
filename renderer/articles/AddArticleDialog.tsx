import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '../../shared/model/article'
import type { AppError } from '../../shared/result'
import { call } from '../api'
import { errorConcernsField } from '../ui/errors'
import { FormActions } from '../ui/FormActions'
import { Modal } from '../ui/Modal'

export const ARTICLE_LANGUAGES = ['de', 'uk', 'ru', 'en'] as const

interface AddArticleDialogProps {
  onClose: () => void
  onAdded: (article: ArticleSummary) => void
}

/** Pasted text plus its metadata; the form stays filled in when adding fails. */
export function AddArticleDialog({ onClose, onAdded }: AddArticleDialogProps) {
  const { t } = useTranslation()
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [outlet, setOutlet] = useState('')
  const [url, setUrl] = useState('')
  const [authors, setAuthors] = useState('')
  const [publishedAt, setPublishedAt] = useState('')
  const [language, setLanguage] = useState('')
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const added = await call('articles:add', {
      title,
      text,
      outlet,
      url: url.trim(),
      publishedAt,
      language,
      authors: authors
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    })
    setBusy(false)
    if (!added.ok) return setError(added.error)
    onAdded(added.value)
  }

  const invalid = (field: string) => (errorConcernsField(error, field) ? true : undefined)

  return (
    <Modal title={t('article.dialogTitle')} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate className="article-form">
        <label className="field">
          <span>{t('article.title')}</span>
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={invalid('title')}
            autoFocus
          />
        </label>
        <div className="field-grid">
          <label className="field">
            <span>{t('article.outlet')}</span>
            <input value={outlet} onChange={(e) => setOutlet(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('article.publishedAt')}</span>
            <input
              type="date"
              value={publishedAt}
              onChange={(e) => setPublishedAt(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('article.language')}</span>
            <select value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">{t('article.languageAuto')}</option>
              {ARTICLE_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`languages.${code}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="field-grid">
          <label className="field">
            <span>{t('article.url')}</span>
            <input
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              type="url"
              aria-invalid={invalid('url')}
            />
          </label>
          <label className="field">
            <span>{t('article.authors')}</span>
            <input
              value={authors}
              onChange={(e) => setAuthors(e.target.value)}
              title={t('article.authorsHint')}
            />
          </label>
        </div>
        <label className="field">
          <span>{t('article.text')}</span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('article.textPlaceholder')}
            rows={12}
            aria-invalid={invalid('text')}
          />
        </label>
        <FormActions
          error={error?.message}
          submitLabel={t('article.add')}
          onCancel={onClose}
          busy={busy}
        />
      </form>
    </Modal>
  )
}

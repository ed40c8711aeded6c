import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleDocument } from '../../shared/model/article'
import type { AppError } from '../../shared/result'
import { call } from '../api'
import { errorConcernsField } from '../ui/errors'
import { FormActions } from '../ui/FormActions'
import { Modal } from '../ui/Modal'
import { ARTICLE_LANGUAGES } from './AddArticleDialog'

interface ArticleDetailsDialogProps {
  article: ArticleDocument
  onClose: () => void
  onSaved: () => void
}

/** Edits an article's metadata after import. */
export function ArticleDetailsDialog({ article, onClose, onSaved }: ArticleDetailsDialogProps) {
  const { t } = useTranslation()
  const [form, setForm] = useState({
    title: article.title,
    outlet: article.outlet,
    authors: article.authors.join(', '),
    url: article.url,
    publishedAt: article.publishedAt,
    retrievedAt: article.retrievedAt,
    language: article.language,
  })
  const [error, setError] = useState<AppError | null>(null)
  const set = (field: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }))
  const invalid = (field: string) => (errorConcernsField(error, field) ? true : undefined)
  const languages: string[] = [...ARTICLE_LANGUAGES]
  if (form.language && !languages.includes(form.language)) languages.push(form.language)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const saved = await call('articles:updateMeta', {
      id: article.id,
      ...form,
      url: form.url.trim(),
      authors: form.authors
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    })
    if (!saved.ok) return setError(saved.error)
    onSaved()
  }

  return (
    <Modal title={t('article.detailsTitle')} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span>{t('article.title')}</span>
          <input
            value={form.title}
            onChange={(e) => set('title')(e.target.value)}
            aria-invalid={invalid('title')}
          />
        </label>
        <div className="field-grid">
          <label className="field">
            <span>{t('article.outlet')}</span>
            <input value={form.outlet} onChange={(e) => set('outlet')(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('article.authors')}</span>
            <input
              value={form.authors}
              onChange={(e) => set('authors')(e.target.value)}
              title={t('article.authorsHint')}
            />
          </label>
        </div>
        <label className="field">
          <span>{t('article.url')}</span>
          <input
            value={form.url}
            onChange={(e) => set('url')(e.target.value)}
            aria-invalid={invalid('url')}
          />
        </label>
        <div className="field-grid">
          <label className="field">
            <span>{t('article.publishedAt')}</span>
            <input
              type="date"
              value={form.publishedAt}
              onChange={(e) => set('publishedAt')(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('article.retrievedAt')}</span>
            <input
              type="date"
              value={form.retrievedAt}
              onChange={(e) => set('retrievedAt')(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('article.language')}</span>
            <select value={form.language} onChange={(e) => set('language')(e.target.value)}>
              <option value="">{t('article.languageAuto')}</option>
              {languages.map((code) => (
                <option key={code} value={code}>
                  {t(`languages.${code}`, { defaultValue: code })}
                </option>
              ))}
            </select>
          </label>
        </div>
        {article.origin.kind === 'file' && (
          <p className="muted small">
            {t('article.origin', { file: article.origin.fileName, sha: article.origin.sha256 })}
          </p>
        )}
        <FormActions error={error?.message} submitLabel={t('common.save')} onCancel={onClose} />
      </form>
    </Modal>
  )
}

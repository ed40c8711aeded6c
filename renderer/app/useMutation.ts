import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallInput, CallOutput, Channel } from '../../shared/api'
import type { Result } from '../../shared/result'
import { call } from '../api'
import { useNotifications } from '../ui/Notifications'

/**
 * Runs a change against main. A failed save is shown with a "Try again" action that repeats
 * exactly the same call, so the user's change is kept until it is on disk.
 */
export function useMutation() {
  const { t } = useTranslation()
  const notify = useNotifications()
  return useCallback(
    async function run<C extends Channel>(
      channel: C,
      input: CallInput<C>,
    ): Promise<Result<CallOutput<C>>> {
      const result = await call(channel, input)
      if (!result.ok && result.error.code !== 'invalid-input') {
        notify.error(result.error, {
          label: t('common.retry'),
          run: () => void run(channel, input),
        })
      }
      return result
    },
    [notify, t],
  )
}

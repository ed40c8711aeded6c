/**
 * IPC names the preload and the shell agree on. Kept free of runtime imports: the sandboxed
 * preload is one file and may load nothing but 'electron'.
 */
export const IPC_INVOKE = 'claimdesk:invoke'
export const IPC_EVENT = 'claimdesk:event'
/** The preload tells main that the page listens for an event (so queued ones can go out). */
export const IPC_LISTENING = 'claimdesk:listening'

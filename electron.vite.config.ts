import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { META_CONTENT_SECURITY_POLICY } from './main/shell/csp'

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('main/shell/index.ts') } },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('main/shell/preload.ts') },
        // A sandboxed preload cannot load ES modules: one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [
      react(),
      {
        // One policy for the header (shell, harness) and the page's meta tag.
        name: 'claimdesk-csp',
        transformIndexHtml: (html) => html.replace('%CLAIMDESK_CSP%', META_CONTENT_SECURITY_POLICY),
      },
    ],
    build: {
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
})

import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The runtime serves the build from its wwwroot; in development Vite proxies the API to a running runtime.
const runtime = 'http://127.0.0.1:5000'

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../runtime/NoCodeCrm.Runtime/wwwroot',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': runtime,
      '/health': runtime,
      '/openapi.json': runtime,
    },
  },
})

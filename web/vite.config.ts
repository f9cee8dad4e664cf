import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The Maven build writes the app into the jar's static/ (XHHT_WEB_OUT); `npm run dev` serves it on :5173 and sends
// /api to the service on :8080 (./run).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: process.env.XHHT_WEB_OUT ?? 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // the chart library is loaded by the pages that draw charts, not with the first page
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Served under /console/ by the local web server (scripts/dev-stack.ts), beside the H5 mini program. */
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // pages load on first use (React.lazy); a chunk past this says the split has regressed
    chunkSizeWarningLimit: 650,
  },
  server: { proxy: { '/v1': process.env.HPF_API_URL ?? 'http://127.0.0.1:10086' } },
});

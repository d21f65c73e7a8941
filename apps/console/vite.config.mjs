// Vite builds the console from this folder into dist/console, which the API serves at `/`
// (apps/api/src/console). `npm run build:console` runs it; `npx vite apps/console` serves the
// sources with live reload and forwards API calls to a local API on port 3000.
import { fileURLToPath } from 'node:url';

const api = process.env.CONSOLE_DEV_API ?? 'http://localhost:3000';

/** @type {import('vite').UserConfig} */
export default {
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: { '/v1': api, '/console/config': api, '/health': api },
  },
};

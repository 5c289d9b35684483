import { cpSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

const OUT_DIR = 'dist/dashboard';

/** govuk-frontend's CSS refers to its fonts and images at /assets/...: copy them there. */
function govukAssets(): Plugin {
  return {
    name: 'govuk-assets',
    apply: 'build',
    closeBundle() {
      cpSync('node_modules/govuk-frontend/dist/govuk/assets', `${OUT_DIR}/assets`, { recursive: true });
    },
  };
}

/** The dashboard's assets, built into dist/dashboard and served by the service at `/`. */
export default defineConfig({
  root: 'apps/dashboard',
  base: '/',
  plugins: [govukAssets()],
  // govuk-frontend keeps an old Internet Explorer media hack that the CSS minifier would otherwise refuse.
  css: { lightningcss: { errorRecovery: true } },
  build: {
    outDir: `../../${OUT_DIR}`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});

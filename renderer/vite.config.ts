import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Build-time config. Paths come from this file's URL (no `node:` imports in renderer/), so
// the build works from any working directory.
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);

export default defineConfig({
  root: here('.'),
  // Relative base: the same files load from file:// in Electron and from the browser bridge.
  base: './',
  plugins: [vue()],
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    // The CSP forbids inline scripts and data: scripts; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});

// Builds the single-page app into the folder Flask serves. The output must run under a strict CSP
// (script-src 'self'; style-src 'self'), so: no inline scripts (modulePreload polyfill off, it is an
// inline script), CSS in files only, every dependency bundled (no CDN, works offline).
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    outDir: "../src/media_library/web/static/app",
    emptyOutDir: true,
    assetsDir: "assets",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: "es2020",
  },
  server: {
    // `npm run dev` talks to a daemon on the default port (its own origin is allowed by CORS only
    // if configured, so proxy instead).
    proxy: {
      "/api": "http://127.0.0.1:8420",
      "/socket.io": { target: "ws://127.0.0.1:8420", ws: true },
    },
  },
});

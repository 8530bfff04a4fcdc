import { defineConfig } from "vitest/config";

// The app is served from the binary (Tauri's custom protocol): relative asset paths,
// no external origins, nothing inlined that the CSP would have to allow.
export default defineConfig({
  base: "./",
  clearScreen: false,
  server: { port: 5173, strictPort: true, fs: { allow: [".."] } },
  build: {
    outDir: "dist",
    target: "es2022",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    benchmark: { include: ["src/**/*.bench.ts"] },
  },
});

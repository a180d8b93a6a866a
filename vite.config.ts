import { gzipSync } from 'node:zlib';
import { createLogger, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web client (src/web) is built to dist/web, which the server serves statically with an SPA
 * fallback and a strict CSP (no inline scripts or styles, nothing from other origins). In
 * development `vite` serves the client and forwards /api to the server on port 8080.
 */
export default defineConfig({
  root: 'src/web',
  customLogger: quietAboutCharset(),
  base: '/',
  plugins: [react(), sizeReport()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Keep every asset a file: the CSP allows data: images but nothing inline beyond that.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
    },
  },
});

/** The first screens whose size counts (issue 11: at most 150 kB of compressed script each). */
const FIRST_SCREENS = [
  { name: 'sign-in page (/inloggen)', page: 'session/SignInPage.tsx' },
  { name: "a parent's first page (/, home)", page: 'session/HomePage.tsx' },
];
const SCRIPT_BUDGET_GZIP = 150 * 1024;

/**
 * After the build: what the first screens need (the main script, the page's own chunk and
 * everything they import statically, and their CSS), raw and gzip-compressed, then every chunk.
 */
function sizeReport(): Plugin {
  return {
    name: 'samenspel-size-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle);
      const bytes = (fileName: string) => {
        const file = bundle[fileName];
        const content = file.type === 'chunk' ? file.code : file.source;
        return { raw: Buffer.byteLength(content), gzip: gzipSync(content).length };
      };
      const chunks = files.filter((f) => f.type === 'chunk');
      const closure = (start: string[]) => {
        const seen = new Set<string>();
        const visit = (name: string) => {
          if (seen.has(name)) return;
          seen.add(name);
          const chunk = bundle[name];
          if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
        };
        start.forEach(visit);
        return [...seen];
      };
      const cssOf = (names: string[]) => [...new Set(names.flatMap((n) => [...((bundle[n] as { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss ?? [])]))];
      const sum = (names: string[]) => names.map(bytes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
      const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
      const entries = chunks.filter((c) => c.isEntry).map((c) => c.fileName);
      const lines = ['', 'Size of the first screens (script: the main chunk, the page and what they import; CSS: theirs):'];
      for (const screen of FIRST_SCREENS) {
        const page = chunks.find((c) => c.facadeModuleId?.endsWith(screen.page));
        if (!page) throw new Error(`size report: no chunk for ${screen.page}`);
        const scripts = closure([...entries, page.fileName]);
        const css = cssOf(scripts);
        const js = sum(scripts);
        const style = sum(css);
        const over = js.gzip > SCRIPT_BUDGET_GZIP ? `  ← OVER the budget of ${kb(SCRIPT_BUDGET_GZIP)} gzip` : '';
        lines.push(`  ${screen.name}: script ${kb(js.raw)} (gzip ${kb(js.gzip)}) in ${scripts.length} files, CSS ${kb(style.raw)} (gzip ${kb(style.gzip)}) in ${css.length} files${over}`);
      }
      lines.push('', 'Every chunk (raw, gzip):');
      const all = files.filter((f) => f.type === 'chunk' || f.fileName.endsWith('.css')).map((f) => ({ name: f.fileName, ...bytes(f.fileName) }));
      all.sort((a, b) => b.raw - a.raw);
      for (const f of all) lines.push(`  ${f.name.padEnd(56)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)}`);
      const total = sum(all.map((f) => f.name));
      lines.push(`  ${'all chunks'.padEnd(56)} ${kb(total.raw).padStart(10)} ${kb(total.gzip).padStart(10)}`, '');
      this.info(lines.join('\n'));
    },
  };
}

/**
 * @utrecht/unordered-list-css starts with `@charset "UTF-8"`, which cannot stand inside the cascade
 * layer it is imported into (shared/content.css): PostCSS drops it and says so on every build.
 * The files are UTF-8 anyway, so that one warning is left out.
 */
function quietAboutCharset() {
  const logger = createLogger();
  const warn = logger.warn.bind(logger);
  logger.warn = (message, options) => {
    if (!message.includes('@charset must precede')) warn(message, options);
  };
  return logger;
}

// Starts the app. Trunk would normally inline this loader in index.html;
// Trunk.toml's pattern_script points here instead, so the page's CSP can
// forbid inline script. The hashed file names arrive as data attributes on
// the <script> tag that loads this module.
const tag = document.querySelector("script[data-app-js][data-app-wasm]");
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });

// One strings file per language (/i18n/play.<lang>.json); English is the fallback for a key a language lacks.
const files = {};

/** Starts fetching a language's strings (once); the page asks for English before it knows the player's language. */
export function prefetch(lang) {
  return files[lang] ??= fetch('/i18n/play.' + lang + '.json').then(r => { if (!r.ok) throw new Error('strings ' + lang); return r.json(); });
}

export async function load(lang) {
  const get = prefetch;
  const en = await get('en');
  const own = lang === 'en' ? en : await get(lang).catch(() => en);
  return {locale: own.locale || 'en', t: (key, params) => fill(own[key] ?? en[key] ?? key, params)};
}

function fill(text, params) {
  return params ? text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m)) : text;
}

/** Fills every [data-i18n] element's text under root. */
export function apply(root, t) {
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
}

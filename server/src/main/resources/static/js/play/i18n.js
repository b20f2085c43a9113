// One strings file per language (/i18n/play.<lang>.json); English is the fallback for a key a language lacks.
export async function load(lang) {
  const get = async l => { const r = await fetch('/i18n/play.' + l + '.json'); if (!r.ok) throw new Error('strings ' + l); return r.json(); };
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

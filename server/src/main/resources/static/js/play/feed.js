// The table's event stream with a reconnect the player can see: after an error the stream is closed, the page
// re-reads the table (which also tells it when the session ended) and opens it again, waiting 0.5 s, 1 s, 2 s ...
// up to 10 s between attempts, with jitter so that a node's restart does not bring every player back at once.
export function connect(url, handlers, hooks) {
  let attempt = 0, es = null, stopped = false;
  function open() {
    if (stopped) return;
    es = new EventSource(url);
    es.onopen = () => { attempt = 0; hooks.status('live', 0); };
    for (const [name, fn] of Object.entries(handlers)) es.addEventListener(name, e => fn(JSON.parse(e.data)));
    es.onerror = () => {
      es.close();
      if (stopped) return;
      attempt++;
      hooks.status('reconnecting', attempt);
      const delay = Math.min(10000, 500 * 2 ** Math.min(attempt - 1, 5)) * (0.8 + Math.random() * 0.4);
      setTimeout(async () => { if (!stopped && await hooks.beforeReconnect()) open(); else if (!stopped) es.onerror(); }, delay);
    };
  }
  open();
  return {stop() { stopped = true; if (es) es.close(); }};
}

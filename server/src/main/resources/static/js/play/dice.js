// Three SVG dice. The faces shown for a result are a function of the round id and the dice sum only, so every
// screen watching the table shows the same three dice (docs/play-client.md gives the rule).
const SVG = 'http://www.w3.org/2000/svg';
const PIPS = {
  1: [[50, 50]], 2: [[27, 27], [73, 73]], 3: [[27, 27], [50, 50], [73, 73]],
  4: [[27, 27], [73, 27], [27, 73], [73, 73]], 5: [[27, 27], [73, 27], [50, 50], [27, 73], [73, 73]],
  6: [[27, 24], [73, 24], [27, 50], [73, 50], [27, 76], [73, 76]],
};

/** 32-bit FNV-1a of the text's UTF-16 code units (a round id is ASCII). */
export function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h >>> 0;
}

/** The three faces for a sum: the ordered triples of 1..6 adding up to it, lexicographic, picked by fnv1a(roundId). */
export function faces(roundId, sum) {
  const all = [];
  for (let a = 1; a <= 6; a++) for (let b = 1; b <= 6; b++) for (let c = 1; c <= 6; c++) if (a + b + c === sum) all.push([a, b, c]);
  if (all.length === 0) return null;
  return all[fnv1a(String(roundId)) % all.length];
}

export function draw(svg, three) {
  svg.querySelectorAll('.die .pips').forEach((g, i) => {
    const pips = PIPS[three[i]].map(([x, y]) => {
      const c = document.createElementNS(SVG, 'circle');
      c.setAttribute('cx', x); c.setAttribute('cy', y); c.setAttribute('r', 9);
      return c;
    });
    g.replaceChildren(...pips);
  });
  svg.dataset.faces = three.join(',');
}

/** Tumbling faces while the round rolls; stop() leaves the last random faces until the result is drawn. */
export function tumble(svg) {
  const reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  svg.classList.add('rolling');
  const roll = () => draw(svg, [0, 0, 0].map(() => 1 + Math.floor(Math.random() * 6)));
  roll();
  const timer = reduced ? null : setInterval(roll, 110);
  svg.dataset.faces = '';
  return () => { if (timer) clearInterval(timer); svg.classList.remove('rolling'); };
}

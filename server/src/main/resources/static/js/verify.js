"use strict";
// --- SHA-256 (FIPS 180-4) over a Uint8Array, for browsers without WebCrypto (plain HTTP) ---
const K = new Uint32Array([
  0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,
  0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,
  0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,
  0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
  0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,
  0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);
function sha256(msg) {
  const len = msg.length, bitLen = len * 8;
  const padded = new Uint8Array(((len + 9 + 63) >> 6) << 6);
  padded.set(msg); padded[len] = 0x80;
  const dv = new DataView(padded.buffer);
  dv.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000)); dv.setUint32(padded.length - 4, bitLen >>> 0);
  const H = new Uint32Array([0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19]);
  const W = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) W[i] = dv.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(W[i-15], 7) ^ rotr(W[i-15], 18) ^ (W[i-15] >>> 3);
      const s1 = rotr(W[i-2], 17) ^ rotr(W[i-2], 19) ^ (W[i-2] >>> 10);
      W[i] = (W[i-16] + s0 + W[i-7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, h] = H;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25), ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[i] + W[i]) >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22), maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      h = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
    }
    H[0] += a; H[1] += b; H[2] += c; H[3] += d; H[4] += e; H[5] += f; H[6] += g; H[7] += h;
  }
  const out = new Uint8Array(32), odv = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) odv.setUint32(i * 4, H[i]);
  return out;
}
function hmacSha256Js(key, msg) {
  if (key.length > 64) key = sha256(key);
  const k = new Uint8Array(64); k.set(key);
  const ipad = new Uint8Array(64 + msg.length), opad = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) { ipad[i] = k[i] ^ 0x36; opad[i] = k[i] ^ 0x5c; }
  ipad.set(msg, 64); opad.set(sha256(ipad), 64);
  return sha256(opad);
}
async function hmacSha256(key, msg) {
  if (window.crypto && crypto.subtle) {
    const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return { bytes: new Uint8Array(await crypto.subtle.sign("HMAC", k, msg)), via: "WebCrypto" };
  }
  return { bytes: hmacSha256Js(key, msg), via: "pure JavaScript" };
}
const hex = b => Array.from(b, x => x.toString(16).padStart(2, "0")).join("");
const utf8 = s => new TextEncoder().encode(s);

// --- ketapola-rng-v1 (the published algorithm; its vectors are core/src/main/resources/fairness/ketapola-rng-v1-vectors.csv) ---
async function roll(seed, client, nonce, low, high) {
  if (!/^[0-9a-f]{64}$/.test(seed)) throw new Error("server seed must be 64 lowercase hex characters");
  if (!/^\d+$/.test(nonce)) throw new Error("nonce must be a non-negative integer");
  if (!(low > 0 && high > 0)) throw new Error("weights must be positive integers");
  const { bytes, via } = await hmacSha256(utf8(seed), utf8(client + ":" + nonce));
  const h = hex(bytes);
  const S = BigInt("0x" + h.slice(0, 8)), F = parseInt(h.slice(8, 16), 16);
  // LOW iff S < low/(low+high) * 4294967295, compared exactly: S*(low+high) < low*4294967295
  const isLow = S * BigInt(low + high) < BigInt(low) * 4294967295n;
  const side = isLow ? "LOW" : "HIGH";
  const sum = (isLow ? [3, 6, 9] : [12, 15, 18])[F % 3];
  return { side, sum, hmac: h, via };
}

const $ = id => document.getElementById(id);
// Server data and page input reach the DOM only as text (never innerHTML): a round id or message is never markup.
function node(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = String(text);
  return e;
}
function show(...nodes) { $("out").replaceChildren(...nodes); }
async function verify(published) {
  try {
    const r = await roll($("seed").value.trim(), $("client").value, $("nonce").value.trim(),
                         parseInt($("low").value, 10), parseInt($("high").value, 10));
    const nodes = [node("h2", null, "Result"), node("pre", null, JSON.stringify({side: r.side, sum: r.sum, hmac: r.hmac})),
                   node("small", null, "HMAC computed with " + r.via + ".")];
    const announced = $("hash").value.trim();
    if (announced) {
      const h = hex(sha256(utf8($("seed").value.trim())));
      nodes.push(h === announced
          ? node("p", "ok", "✔ sha256(server seed) equals the announced hash: the seed was committed before the round.")
          : node("p", "bad", "✘ sha256(server seed) = " + h + " differs from the announced hash."));
    }
    if (published && published.outcome) {
      const o = published.outcome, same = o.side === r.side && o.sum === r.sum;
      nodes.push(same ? node("p", "ok", "✔ matches the server's published outcome (" + o.side + ", " + o.sum + ").")
                      : node("p", "bad", "✘ the server published " + o.side + " " + o.sum + "; recomputed " + r.side + " " + r.sum + "."));
    }
    show(...nodes);
  } catch (e) {
    show(node("p", "bad", e.message));
  }
}
async function load() {
  const id = $("round").value.trim();
  const res = await fetch(`/v1/public/rounds/${encodeURIComponent(id)}/proof`);
  let body = {};
  try { body = await res.json(); } catch (e) { /* a non-JSON answer: say so below */ }
  if (!res.ok) { show(node("p", "bad", body.message || body.error || ("HTTP " + res.status))); return; }
  $("seed").value = body.serverSeed; $("hash").value = body.serverSeedHash; $("client").value = body.clientSeed;
  $("nonce").value = body.nonce; $("low").value = body.lowWeight; $("high").value = body.highWeight;
  if (body.state === "VOIDED") { voided(body); return; }
  await verify(body);
}
// A voided round never counted: its stakes were refunded and it has no outcome to recompute. What can still be
// checked is that the seed it reveals is the one committed before the round.
function voided(body) {
  const nodes = [node("h2", "voided", "VOIDED"),
                 node("p", null, "This round was voided (" + (body.reason || "no reason recorded") + "): it never counted, "
                     + "every stake on it was refunded, and there is no outcome to recompute.")];
  if (body.serverSeed) {
    const h = hex(sha256(utf8(body.serverSeed)));
    nodes.push(h === body.serverSeedHash
        ? node("p", "ok", "✔ sha256(revealed server seed) equals the announced hash: the seed was committed before the round.")
        : node("p", "bad", "✘ sha256(revealed server seed) = " + h + " differs from the announced hash."));
  }
  show(...nodes);
}
$("go").addEventListener("click", () => verify(null));
$("load").addEventListener("click", load);
const q = new URLSearchParams(location.search);
if (q.get("round")) { $("round").value = q.get("round"); load(); }

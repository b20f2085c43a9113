// The Ketapola Dice client. Everything it shows about the table comes from the server's table state, the same
// object in GET /v1/play/state and in every round_state event (phase, countdown, halts, breaker, the operator's
// status and banner, the odds), so the page is right in every phase: the bet buttons are enabled only when the
// server would take a bet, and say why not otherwise. The contract: docs/play-client.md.
import * as money from './money.js';
import * as dice from './dice.js';
import * as i18n from './i18n.js';
import * as sound from './sound.js';
import {connect} from './feed.js';

const $ = id => document.getElementById(id);
const app = $('app');
const token = new URLSearchParams(location.search).get('session');

let t = k => k, fmt = null;           // translator and formatters, once the strings are loaded
let table = null;                     // the last table state
let session = {mode: 'real', currency: '', returnUrl: null};
let balanceMicro = null;
let skew = 0;                         // server clock minus ours, from the state's serverTime
let closesAt = 0;
let seq = 0;                          // round_state events received: the tests read it (data-seq)
let feed = null, ended = false, stopTumble = null, lastRoundId = null, momentTimer = null;
const placing = new Set();            // sides with a bet request in flight
const mine = new Map();               // roundId -> Map(side -> {stakeMicro, commissionMicro})

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = String(text);
  return e;
}

async function api(path, opts = {}) {
  const headers = Object.assign({'Authorization': 'Bearer ' + token}, opts.body ? {'content-type': 'application/json'} : {});
  const r = await fetch(path, Object.assign({}, opts, {headers}));
  let body = {};
  try { body = await r.json(); } catch (e) { /* an answer without JSON: the status says enough */ }
  return {status: r.status, body};
}

// ---- words -------------------------------------------------------------------------------------------------

function sideName(side) { return side === 'LOW' || side === 'HIGH' ? t('side.' + side) : '?'; }

function voidReason(code) {
  return ['quarantined', 'leader_lost'].includes(code) ? t('voidReason.' + code) : t('voidReason.other');
}

/** A refusal code (the table's betsRefused, a bet's error) in the player's words. */
function reasonText(code, extra = {}) {
  if (code === 'bets_halted') return t('reason.bets_halted.' + ((table && table.halts && table.halts[0]) || 'operator'));
  if (code === 'bet_below_min') return t('reason.bet_below_min', {min: fmt.money(table.minBetMicro)});
  if (code === 'bet_above_max') return t('reason.bet_above_max', {max: fmt.money(table.maxBetMicro)});
  if (code === 'duplicate_bet') return t('reason.duplicate_bet', {side: sideName(extra.side)});
  const known = ['connecting', 'operator_paused', 'operator_unavailable', 'table_paused', 'betting_closed', 'amount_invalid',
    'not_enough_money', 'exposure_limit', 'rate_limited', 'round_voided', 'wallet_uncertain', 'network'];
  return known.includes(code) ? t('reason.' + code) : t('reason.other');
}

// ---- the table ---------------------------------------------------------------------------------------------

function msLeft() { return closesAt - (Date.now() + skew); }

/** Why a bet on this side would be refused now; null when it would be taken. Mirrors the server's checks. */
function refusal(side) {
  if (!table) return 'connecting';
  if (table.betsRefused) return table.betsRefused;
  if (msLeft() <= 0) return 'betting_closed';
  const stake = money.parseUnits($('amount').value);
  if (stake === null || stake <= 0n) return 'amount_invalid';
  if (table.minBetMicro && stake < BigInt(table.minBetMicro)) return 'bet_below_min';
  if (table.maxBetMicro && stake > BigInt(table.maxBetMicro)) return 'bet_above_max';
  if (balanceMicro !== null && stake > BigInt(balanceMicro)) return 'not_enough_money';
  const round = mine.get(table.roundId);
  if (side && round && round.has(side)) return 'duplicate_bet';
  return null;
}

function updateControls() {
  if (ended) return;
  let shown = null;
  for (const b of [$('low'), $('high')]) {
    const why = placing.has(b.dataset.side) ? 'placing' : refusal(b.dataset.side);
    // aria-disabled rather than disabled: a disabled button loses the keyboard focus each time a round closes
    b.setAttribute('aria-disabled', String(why !== null));
    b.dataset.refusal = why || '';
    if (why && why !== 'placing' && shown === null) shown = [why, b.dataset.side];
  }
  const both = shown && $('low').ariaDisabled === 'true' && $('high').ariaDisabled === 'true';
  const text = shown ? reasonText(shown[0], {side: shown[1]}) : '';
  // a lever already has its banner above the table: the line under the buttons says the rest (closed, amount, ...)
  const lever = table && !$('lever').hidden && shown && shown[0] === table.betsRefused;
  $('refusal').textContent = !lever && (both || (shown && shown[0] === 'duplicate_bet')) ? text : '';
  $('refusal').dataset.code = shown ? shown[0] : '';
  const stake = money.parseUnits($('amount').value);
  const c = table && table.commissionMicro;
  if (stake !== null && stake > 0n && c != null) {
    const win = money.winMicro(stake, c);
    $('win').textContent = fmt.money(win); $('win').dataset.micro = win.toString();
  } else {
    $('win').textContent = '–'; $('win').dataset.micro = '';
  }
}

function tick() {
  const phase = table ? table.state : 'connecting';
  const open = phase === 'BETTING_OPEN' && table && table.bettingMs;
  const left = open ? Math.max(0, msLeft()) : 0;
  const total = open ? Number(table.bettingMs) : 1;
  $('ring-arc').style.strokeDashoffset = String(100 - Math.min(100, (left / total) * 100));
  $('ring-arc').style.opacity = left > 0 ? '1' : '0';
  const secs = Math.ceil(left / 1000);
  $('ring-text').textContent = open ? fmt.integer(secs) : '';
  $('ring').dataset.msLeft = String(Math.round(left));
  $('ring').setAttribute('aria-label', open ? t('countdown', {s: fmt.integer(secs)}) : t('phase.' + phase) || '');
  updateControls();
}

function showLevers(s) {
  $('incident').hidden = !s.incident;
  $('incident').textContent = s.incident || '';
  const lever = ['operator_paused', 'bets_halted', 'operator_unavailable', 'table_paused'].includes(s.betsRefused) ? s.betsRefused : null;
  $('lever').hidden = !lever;
  $('lever').textContent = lever ? reasonText(lever) : '';
  $('lever').dataset.code = lever || '';
}

function showOdds(s) {
  if (s.commissionMicro == null) return;
  const mult = fmt.multiple(money.multiple(s.commissionMicro));
  for (const [id, nums] of [['low', '3, 6, 9'], ['high', '12, 15, 18']]) {
    const b = $(id);
    b.querySelector('.zone-mult').textContent = t('pays', {mult});
    b.querySelector('.zone-mult').dataset.multiple = String(money.multiple(s.commissionMicro));
    b.setAttribute('aria-label', t('zone.aria', {side: sideName(b.dataset.side), numbers: nums, mult}));
  }
  if (s.minBetMicro && s.maxBetMicro) {
    $('limits').textContent = t('limits', {min: fmt.money(s.minBetMicro), max: fmt.money(s.maxBetMicro)});
    if ($('chips').dataset.range !== s.minBetMicro + '-' + s.maxBetMicro) {
      $('chips').dataset.range = s.minBetMicro + '-' + s.maxBetMicro;
      $('chips').replaceChildren(...money.chips(s.minBetMicro, s.maxBetMicro).map(micro => {
        const b = el('button', 'chip', fmt.money(micro));
        b.type = 'button'; b.dataset.micro = micro.toString();
        b.setAttribute('aria-label', t('chip.aria', {amount: fmt.money(micro)}));
        b.addEventListener('click', () => { $('amount').value = money.unitsText(micro); updateControls(); });
        return b;
      }));
    }
  }
}

/**
 * One table state, from the REST answer or a round_state event: the same object either way. A state built before
 * the one shown (a REST answer overtaken by an event on a slow network) is dropped: the page never steps back.
 */
function showTable(s) {
  const built = s.serverTime ? Date.parse(s.serverTime) : 0;
  if (table && table.serverTime && built < Date.parse(table.serverTime)) return;
  table = s;
  app.dataset.phase = s.state;
  app.dataset.paused = String(!!s.paused);
  if (s.serverTime) skew = Date.parse(s.serverTime) - Date.now();
  closesAt = s.state === 'BETTING_OPEN' && s.bettingClosesAt ? Date.parse(s.bettingClosesAt) : 0;
  $('round').textContent = s.nonce != null ? t('round', {n: fmt.integer(s.nonce)}) : t('round.none');
  $('phase').textContent = t('phase.' + s.state);
  showLevers(s);
  showOdds(s);
  if (s.state === 'ROLLING' && !stopTumble) {
    stopTumble = dice.tumble($('dice'));
    $('dice').setAttribute('aria-label', t('dice.rolling'));
    sound.cue.roll();
  } else if (s.state !== 'ROLLING' && s.state !== 'RESULT' && stopTumble) {
    stopTumble(); stopTumble = null;   // the dice keep tumbling through RESULT until round_result lands them
  }
  app.dataset.round = s.roundId || '';
  if (s.roundId && s.roundId !== lastRoundId) {
    lastRoundId = s.roundId;
    placing.clear();
  }
  tick();
}

function showResult(r) {
  if (stopTumble) { stopTumble(); stopTumble = null; }
  const placed = mine.get(r.roundId);
  if (r.state === 'VOIDED') {
    if (placed) moment('voided', t('moment.voided'), r.roundId);
  } else if (r.outcome) {
    const three = dice.faces(r.roundId, r.outcome.sum);
    if (three) {
      dice.draw($('dice'), three);
      $('dice').setAttribute('aria-label', t('dice.aria', {a: three[0], b: three[1], c: three[2], sum: r.outcome.sum}));
    }
    if (placed) {
      let won = 0n;
      for (const [side, b] of placed) if (side === r.outcome.side) won += money.winMicro(b.stakeMicro, b.commissionMicro);
      if (won > 0n) { moment('win', t('moment.win', {amount: fmt.money(won)}), r.roundId); sound.cue.win(); }
      else { moment('loss', t('moment.loss', {side: sideName(r.outcome.side), sum: r.outcome.sum}), r.roundId); sound.cue.loss(); }
    }
  }
  // the balance and my bets change with the settlement: read them now, and once more for a win still being paid
  refresh();
  setTimeout(refresh, 1500);
}

/** The win or loss moment of one round (data-round says which), for 6 s or until the next moment. */
function moment(kind, text, roundId) {
  const m = $('moment');
  m.textContent = text; m.className = 'moment ' + kind; m.dataset.kind = kind; m.dataset.round = roundId;
  clearTimeout(momentTimer);
  momentTimer = setTimeout(clearMoment, 6000);
}

function clearMoment() {
  const m = $('moment');
  m.textContent = ''; m.className = ''; m.dataset.kind = ''; m.dataset.round = '';
}

function setBalance(micro) {
  if (micro == null) return;
  balanceMicro = String(micro);
  $('balance').textContent = fmt.money(balanceMicro);
  $('balance').dataset.micro = balanceMicro;
}

function showResults(list) {
  const items = (list || []).map(r => {
    const li = el('li', r.state === 'VOIDED' ? 'res voided' : 'res ' + ((r.outcome && r.outcome.side) || '').toLowerCase());
    const a = el('a', null, r.state === 'VOIDED' ? '✕' : (r.outcome ? fmt.integer(r.outcome.sum) : '?'));
    a.href = r.verifyUrl;
    a.setAttribute('aria-label', t('verify.aria', {n: fmt.integer(r.nonce)}) + ': '
        + (r.state === 'VOIDED' ? t('voided', {reason: voidReason(r.voidReason)}) : sideName(r.outcome && r.outcome.side)));
    a.title = r.state === 'VOIDED' ? t('voided', {reason: voidReason(r.voidReason)}) : sideName(r.outcome && r.outcome.side);
    li.appendChild(a);
    return li;
  });
  $('results').replaceChildren(...(items.length ? items : [el('li', 'none', t('results.none'))]));
}

function showBets(list) {
  const rows = (list || []).map(b => {
    const tr = el('tr', 'bet ' + b.status.toLowerCase());
    tr.dataset.round = b.roundId; tr.dataset.status = b.status;
    const round = el('td', 'num', fmt.integer(b.nonce));
    if (b.placedAt) round.appendChild(el('small', 'when', fmt.time(b.placedAt)));
    tr.appendChild(round);
    tr.appendChild(el('td', null, sideName(b.side)));
    tr.appendChild(el('td', 'num', fmt.money(b.amountMicro)));
    let outcome;
    if (b.roundState === 'VOIDED') outcome = t('voided', {reason: voidReason(b.voidReason)});
    else if (b.status === 'REJECTED') outcome = t('status.REJECTED') + ': ' + reasonText(b.reason);
    else if (b.outcome) outcome = sideName(b.outcome.side) + ' ' + fmt.integer(b.outcome.sum) + ' · ' + t('status.' + b.status);
    else outcome = t('status.' + b.status);
    tr.appendChild(el('td', 'outcome', outcome));
    tr.appendChild(el('td', 'num', b.payoutMicro && b.payoutMicro !== '0' ? fmt.money(b.payoutMicro) : '–'));
    const td = el('td');
    if (b.verifyUrl) {
      const a = el('a', null, t('verify'));
      a.href = b.verifyUrl; a.setAttribute('aria-label', t('verify.aria', {n: fmt.integer(b.nonce)}));
      td.appendChild(a);
    }
    tr.appendChild(td);
    return tr;
  });
  if (!rows.length) { const tr = el('tr'), td = el('td', 'none', t('bets.none')); td.colSpan = 6; tr.appendChild(td); rows.push(tr); }
  $('bets').tBodies[0].replaceChildren(...rows);
}

// ---- session, start and end --------------------------------------------------------------------------------

function lobbyLink(a, url) {
  let ok = false;
  try { const u = new URL(url); ok = u.protocol === 'https:' || u.protocol === 'http:'; } catch (e) { ok = false; }
  a.hidden = !ok;
  if (ok) { a.href = url; a.target = '_top'; }
}

/** The clear end of a session that cannot play (never valid, terminated, expired): words and the way back. */
function end(kind, returnUrl) {
  ended = true;
  if (feed) feed.stop();
  for (const b of [$('low'), $('high')]) b.setAttribute('aria-disabled', 'true');
  app.hidden = true;
  $('end').hidden = false;
  $('end').dataset.kind = kind;
  $('end-title').textContent = t('end.' + kind + '.title');
  const url = returnUrl || session.returnUrl;
  $('end-text').textContent = t('end.' + kind) + (url ? '' : ' ' + t('end.nolobby'));
  lobbyLink($('end-lobby'), url);
  document.body.dataset.ready = 'true';
}

function endKind(error) {
  return error === 'session_terminated' ? 'terminated' : error === 'session_expired' ? 'expired' : 'invalid';
}

/** Reads the table, the balance and the history; false (and the end screen) once the session cannot play. */
async function refresh() {
  if (ended) return false;
  let r;
  try { r = await api('/v1/play/state'); } catch (e) { $('msg').textContent = reasonText('network'); return false; }
  if (r.status === 401) { end(endKind(r.body.error), r.body.returnUrl); return false; }
  if (r.status !== 200) { $('msg').textContent = reasonText(r.body.error); return false; }
  const s = r.body;
  session = {mode: s.mode, currency: s.currency, returnUrl: s.returnUrl, lang: s.lang};
  setBalance(s.balanceMicro);
  showTable(s);
  showResults(s.lastResults);
  showBets(s.myBets);
  return true;
}

async function bet(side) {
  if (refusal(side) !== null || placing.has(side)) return;
  const stake = money.parseUnits($('amount').value);
  const roundId = table.roundId, commissionMicro = table.commissionMicro;
  placing.add(side);
  $('msg').textContent = t('msg.placing'); $('msg').dataset.code = 'placing';
  updateControls();
  let r;
  try {
    r = await api('/v1/play/bets', {method: 'POST', body: JSON.stringify({
      requestUuid: crypto.randomUUID(), amountMicro: stake.toString(), selection: {side}})});
  } catch (e) {
    r = {status: 0, body: {error: 'network'}};
  }
  placing.delete(side);
  if (r.status === 201 || r.status === 200) {
    if (!mine.has(roundId)) mine.set(roundId, new Map());
    mine.get(roundId).set(side, {stakeMicro: stake, commissionMicro});
    $('msg').textContent = t('msg.accepted', {side: sideName(side), amount: fmt.money(stake)});
    $('msg').dataset.code = 'accepted'; $('msg').dataset.side = side;
    sound.cue.bet();
    if (r.body.balanceMicro != null) setBalance(r.body.balanceMicro);
  } else if (r.status === 401) {
    end(endKind(r.body.error), r.body.returnUrl);
    return;
  } else {
    // the table's own reason when it has one (a halt answers table_paused; the page says which lever)
    const code = r.body.error === 'table_paused' && table.betsRefused ? table.betsRefused : (r.body.reason || r.body.error);
    $('msg').textContent = reasonText(code, {side});
    $('msg').dataset.code = code || 'other'; $('msg').dataset.side = side;
  }
  updateControls();
  refresh();
}

function setSound(on) {
  sound.setOn(on);
  $('sound').setAttribute('aria-pressed', String(on));
  $('sound').textContent = on ? '🔊' : '🔇';
  $('sound').setAttribute('aria-label', t(on ? 'sound.on' : 'sound.off'));
  $('sound').title = t(on ? 'sound.on' : 'sound.off');
}

function status(kind, attempt) {
  $('conn').dataset.state = kind;
  $('conn').textContent = kind === 'reconnecting' ? t('conn.reconnecting', {n: fmt.integer(attempt)}) : t('conn.' + kind);
}

async function start() {
  if (!token) {
    ({t} = await i18n.load((navigator.language || 'en').toLowerCase().startsWith('si') ? 'si' : 'en'));
    end('invalid', null);
    return;
  }
  // the table's state and the English strings (also every language's fallback) travel together: one round trip
  i18n.prefetch('en').catch(() => null);
  let first;
  try { first = await api('/v1/play/state'); } catch (e) { first = {status: 0, body: {}}; }
  const lang = (first.body && first.body.lang) || 'en';
  const strings = await i18n.load(lang === 'si' ? 'si' : 'en');
  t = strings.t;
  document.documentElement.lang = lang === 'si' ? 'si' : 'en';
  document.title = t('title');
  i18n.apply(document, t);
  fmt = money.formats(strings.locale, (first.body && first.body.currency) || 'LKR');
  if (first.status === 401) { end(endKind(first.body.error), first.body.returnUrl); return; }
  $('amount-label').textContent = t('stake', {currency: first.body.currency || ''});
  $('chips').setAttribute('aria-label', t('chips'));
  $('dice').setAttribute('aria-label', t('dice.waiting'));
  dice.draw($('dice'), [1, 1, 1]);
  $('dice').dataset.faces = '';
  setSound(false);
  status('connecting', 0);
  $('amount').addEventListener('input', updateControls);
  $('low').addEventListener('click', () => bet('LOW'));
  $('high').addEventListener('click', () => bet('HIGH'));
  $('sound').addEventListener('click', () => setSound(!sound.isOn()));
  if (first.status === 200) {
    const s = first.body;
    session = {mode: s.mode, currency: s.currency, returnUrl: s.returnUrl, lang};
    $('demo').hidden = s.mode !== 'demo';
    lobbyLink($('lobby'), s.returnUrl);
    if (s.minBetMicro) $('amount').value = money.unitsText(money.chips(s.minBetMicro, s.maxBetMicro || s.minBetMicro)[0]);
    setBalance(s.balanceMicro);
    showTable(s);
    showResults(s.lastResults);
    showBets(s.myBets);
    const last = (s.lastResults || []).find(r => r.state === 'SETTLED' && r.outcome);
    if (last) dice.draw($('dice'), dice.faces(last.roundId, last.outcome.sum));
  } else {
    $('msg').textContent = reasonText(first.body.error || 'network');
  }
  app.removeAttribute('aria-busy');
  document.body.dataset.ready = 'true';
  setInterval(tick, 200);
  feed = connect('/v1/play/stream?session=' + encodeURIComponent(token), {
    round_state: s => { seq++; app.dataset.seq = String(seq); showTable(s); },
    round_result: showResult,
    balance_update: b => setBalance(b.balanceMicro),
  }, {status, beforeReconnect: refresh});
}

start();

'use strict';
var $ = function (id) { return document.getElementById(id); };
var token = new URLSearchParams(location.search).get('session');
var MICRO = 100000, closesAt = 0, skew = 0, state = '';
function money(micro) { return micro == null ? '–' : (Number(micro) / MICRO).toLocaleString(undefined, {minimumFractionDigits: 2, maximumFractionDigits: 5}); }
function api(path, opts) {
  opts = opts || {}; opts.headers = Object.assign({'Authorization': 'Bearer ' + token, 'content-type': 'application/json'}, opts.headers || {});
  return fetch(path, opts).then(function (r) { return r.json().then(function (b) { return {status: r.status, body: b}; }); });
}
function say(text, cls) { $('msg').textContent = text; $('msg').className = cls || ''; }
function showState(s) {
  state = s.state; $('state').textContent = s.state.replace('_', ' ');
  $('paused').style.display = s.paused ? 'block' : 'none';
  $('incident').style.display = s.incident ? 'block' : 'none';
  $('incident').textContent = s.incident || '';
  if (s.nonce != null) $('nonce').textContent = '#' + s.nonce;
  if (s.serverTime) skew = Date.parse(s.serverTime) - Date.now();
  closesAt = s.bettingClosesAt ? Date.parse(s.bettingClosesAt) : 0;
  var open = s.state === 'BETTING_OPEN' && !s.paused;
  $('low').disabled = !open; $('high').disabled = !open;
}
function resultLine(r) {
  var li = document.createElement('li'), a = document.createElement('a');
  var o = r.outcome || {};
  li.textContent = '#' + r.nonce + ' ' + (o.side || '?') + ' ' + (o.sum || '') + ' ';
  a.href = r.verifyUrl; a.textContent = 'verify this round'; li.appendChild(a); return li;
}
function refresh() {
  return api('/v1/play/state').then(function (r) {
    if (r.status !== 200) { say(r.body.message || r.body.error, 'bad'); return; }
    var s = r.body; showState(s);
    $('balance').textContent = money(s.balanceMicro); $('currency').textContent = s.currency; $('currency2').textContent = s.currency;
    $('results').replaceChildren(); (s.lastResults || []).forEach(function (x) { $('results').appendChild(resultLine(x)); });
    $('bets').replaceChildren();
    (s.myBets || []).forEach(function (b) {
      var li = document.createElement('li');
      li.textContent = b.side + ' ' + money(b.amountMicro) + ' → ' + b.status + (b.reason ? ' (' + b.reason + ')' : '') + (b.payoutMicro && b.payoutMicro !== '0' ? ' +' + money(b.payoutMicro) : '');
      $('bets').appendChild(li);
    });
  });
}
function bet(side) {
  var amount = Math.round(parseFloat($('amount').value) * MICRO);
  if (!(amount > 0)) { say('enter an amount', 'bad'); return; }
  api('/v1/play/bets', {method: 'POST', body: JSON.stringify({requestUuid: crypto.randomUUID ? crypto.randomUUID() : uuid4(), amountMicro: String(amount), selection: {side: side}})})
    .then(function (r) {
      if (r.status === 201 || r.status === 200) say('Bet accepted: ' + side + ' ' + money(r.body.amountMicro), 'good');
      else say('Bet rejected: ' + (r.body.error || r.body.reason) + (r.body.message ? ' — ' + r.body.message : ''), 'bad');
      refresh();
    });
}
function uuid4() { return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) { var r = Math.random() * 16 | 0; return (c === 'x' ? r : (r & 3 | 8)).toString(16); }); }
$('low').onclick = function () { bet('LOW'); }; $('high').onclick = function () { bet('HIGH'); };
setInterval(function () {
  var left = closesAt - (Date.now() + skew);
  $('countdown').textContent = state === 'BETTING_OPEN' && left > 0 ? Math.ceil(left / 1000) + ' s' : '';
}, 200);
if (!token) { say('open this page with ?session=<sessionToken>', 'bad'); }
else {
  refresh();
  var es = new EventSource('/v1/play/stream?session=' + encodeURIComponent(token));
  es.addEventListener('round_state', function (e) { showState(JSON.parse(e.data)); });
  es.addEventListener('round_result', function (e) {
    var r = JSON.parse(e.data); say('Result #' + r.nonce + ': ' + r.outcome.side + ' ' + r.outcome.sum); refresh();
  });
  es.addEventListener('balance_update', function (e) { $('balance').textContent = money(JSON.parse(e.data).balanceMicro); });
  es.addEventListener('bet_rejected', function (e) { var d = JSON.parse(e.data); say('Bet rejected: ' + (d.reason || d.error), 'bad'); });
}

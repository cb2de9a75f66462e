#include "sim/report/html_assets.hpp"

namespace vpnsim::report {

const char* const kReportCss = R"CSS(
body{font:14px/1.4 system-ui,sans-serif;margin:0 1.5em 3em;color:#1b1b1b;background:#fff}
header h1{margin:.6em 0 .1em;font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ddd;
margin-top:1.6em}h3{font-size:1em}.meta,.sub{color:#555;font-size:.9em}.sub{margin:.4em 0 0;
font-weight:600}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 7px;
text-align:left;vertical-align:top}th{background:#f4f6f8}tr.up .status{color:#178a3c;
font-weight:700}tr.down .status{color:#c62828;font-weight:700}.verdict{padding:.5em .8em;
border-radius:4px;font-weight:600}.ok{background:#e6f4ea;color:#14532d}.failing{background:#fdecea;
color:#7f1d1d}.cause{border-left:4px solid #c62828;padding:.1em .9em;margin:.8em 0;
background:#fffafa}.cause h3{margin:.4em 0}ul.evidence{font:12px monospace;padding-left:1.2em}
a.ev{color:#1f5fbf;text-decoration:none;border-bottom:1px dotted}a.ev[data-resolved=missing]{
color:#c62828}nav.window{position:sticky;top:0;background:#fff;padding:.4em 0;z-index:2;
border-bottom:1px solid #eee}.ladder-box{overflow:auto;max-height:80vh;border:1px solid #eee}
svg text{font:11px sans-serif;fill:#222}svg .t{fill:#666;text-anchor:end}svg .col{stroke:#999}
svg .head{font-weight:700;text-anchor:middle}svg .lbl{text-anchor:middle}
.ike line{stroke:#1f5fbf}.bgp line{stroke:#178a3c}.tcp line{stroke:#0f8a8a}.probe line{
stroke:#7a3fbf}.natt line{stroke:#999}.pkt line{stroke-width:1.5}.pkt{cursor:pointer}
.dropped line{stroke:#c62828;stroke-dasharray:5 3}.x{stroke:#c62828;stroke-width:2.5;fill:none}
.inflight line{stroke-dasharray:2 3}.gap line{stroke:#bbb;stroke-dasharray:2 4}
.timer circle{fill:#f9a825}.state rect{fill:#e3ecfa;stroke:#1f5fbf}.mark text{font-size:10px}
.row.hl text,.row.sel text{fill:#c62828;font-weight:700}.row.hl line,.row.sel line{stroke-width:3}
.timeline .span.up{fill:#43a047}.timeline .span.busy{fill:#f9a825}.timeline .span.down{
fill:#bdbdbd}.timeline .span.rekey{fill:#42a5f5}.timeline .tick line{stroke:#eee}
.timeline .tick text{fill:#777;font-size:9px}.span-text{font-size:10px;pointer-events:none}
.lane-name{font-size:11px}.lane-name.first{font-weight:700}
table.log td{font:12px monospace;border:none;border-bottom:1px solid #f0f0f0}
#detail{position:fixed;right:1em;top:3em;width:34em;max-height:85vh;overflow:auto;background:#fff;
border:1px solid #bbb;box-shadow:0 2px 12px rgba(0,0,0,.2);padding:.6em 1em;z-index:3}
#detail td{font:12px monospace}pre{font-size:12px}.trace span.hl{background:#fff3c4}
.runs{display:flex;gap:2em;flex-wrap:wrap}.run{flex:1 1 40em;min-width:0}
footer{margin-top:3em;color:#888;font-size:.85em}.lesson{background:#f4f8ff;border-left:4px solid #1f5fbf;
padding:.1em .9em}.lesson h2{border:none;margin-top:.4em}
)CSS";

const char* const kReportJs = R"JS(
(function () {
  'use strict';
  var ROW = 24, GAP = 18;
  window.addEventListener('error', function (e) {
    document.body.dataset.jsError = String(e.message || e);
  });
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function restack(svg, from, to) {
    var y = +svg.dataset.top, shown = 0;
    all('g.row', svg).forEach(function (g) {
      var t = +g.dataset.t, gap = g.classList.contains('gap');
      var visible = t >= from && t <= to && !(gap && shown === 0);
      g.style.display = visible ? '' : 'none';
      if (!visible) return;
      if (gap) { g.setAttribute('transform', 'translate(0,' + (y - ROW / 2 + GAP / 2) + ')'); y += GAP; }
      else { g.setAttribute('transform', 'translate(0,' + y + ')'); y += ROW; shown++; }
    });
    var h = y + 8, w = +svg.getAttribute('width');
    svg.setAttribute('height', h);
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    all('line.col', svg).forEach(function (l) { l.setAttribute('y2', h); });
    svg.dataset.visible = shown;
  }

  function zoomTimeline(svg, from, to) {
    var left = +svg.dataset.left, width = +svg.dataset.width;
    var t0 = Math.max(from, +svg.dataset.t0), t1 = Math.min(to, +svg.dataset.t1);
    var span = Math.max(t1 - t0, 1e-9);
    function x(t) { return left + width * (t - t0) / span; }
    all('rect.span', svg).forEach(function (r) {
      var a = +r.dataset.t0, b = +r.dataset.t1, label = r.nextElementSibling;
      var visible = b >= t0 && a <= t1;
      r.style.display = visible ? '' : 'none';
      var xa = x(Math.max(a, t0)), w = Math.max(1, x(Math.min(b, t1)) - xa);
      r.setAttribute('x', xa.toFixed(1));
      r.setAttribute('width', w.toFixed(1));
      if (label && label.classList.contains('span-text')) {
        label.setAttribute('x', (xa + 3).toFixed(1));
        label.style.display = visible && w > 60 ? '' : 'none';
      }
    });
    all('g.tick', svg).forEach(function (g, i) {
      g.querySelector('text').textContent = (t0 + span * i / 10).toFixed(3) + 's';
    });
  }

  function setWindow(from, to) {
    if (!(from <= to)) return;
    document.body.dataset.window = from + ',' + to;
    all('svg.ladder').forEach(function (s) { restack(s, from, to); });
    all('svg.timeline').forEach(function (s) { zoomTimeline(s, from, to); });
  }
  function resetWindow() { setWindow(0, Infinity); delete document.body.dataset.window; }

  var tripsCache = {};
  function trips(run) {
    if (!tripsCache[run]) {
      var el = document.querySelector('script.trips[data-run="' + run + '"]');
      tripsCache[run] = el ? JSON.parse(el.textContent) : {};
    }
    return tripsCache[run];
  }
  function cell(tr, text) { var td = document.createElement('td'); td.textContent = text; tr.appendChild(td); }
  function fill(table, rows) {
    table.textContent = '';
    rows.forEach(function (r) { var tr = document.createElement('tr'); r.forEach(function (c) { cell(tr, c); }); table.appendChild(tr); });
  }
  function select(row) {
    var run = row.closest('.ladder-box').dataset.run, trip = trips(run)[row.dataset.trip];
    if (!trip) return;
    all('g.row.sel').forEach(function (g) { g.classList.remove('sel'); });
    row.classList.add('sel');
    document.getElementById('detail-title').textContent = trip.label;
    fill(document.getElementById('detail-fields'), trip.fields);
    fill(document.getElementById('detail-hops'), trip.hops.map(function (h) {
      return [h[0] + 's', h[1] + ' \u2192 ' + h[2], 'arrives ' + h[3] + 's', h[4]];
    }));
    document.getElementById('detail').hidden = false;
    document.body.dataset.selected = row.dataset.trip;
  }

  function target(link) {
    var run = link.dataset.run, rec = link.dataset.rec;
    var row = document.querySelector('#' + run + '-ladders g.row[data-rec~="' + rec + '"]');
    if (row) return { kind: 'ladder', el: row };
    var line = document.getElementById(run + '-rec-' + rec);
    return line ? { kind: 'trace', el: line } : { kind: 'missing', el: null };
  }
  function follow(link) {
    var t = target(link);
    all('.hl').forEach(function (e) { e.classList.remove('hl'); });
    if (!t.el) return;
    if (t.kind === 'ladder' && t.el.style.display === 'none') resetWindow();
    if (t.kind === 'trace') t.el.closest('details').open = true;
    t.el.classList.add('hl');
    t.el.scrollIntoView({ block: 'center' });
    document.body.dataset.followed = t.kind + ':' + link.dataset.rec;
  }

  function filterLogs(section) {
    var q = section.querySelector('.log-filter').value.toLowerCase();
    var kinds = all('.log-kind', section).filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
    all('tr[data-kind]', section).forEach(function (tr) {
      var ok = kinds.indexOf(tr.dataset.kind) >= 0 && tr.textContent.toLowerCase().indexOf(q) >= 0;
      tr.style.display = ok ? '' : 'none';
    });
  }

  all('g.row[data-trip]').forEach(function (g) { g.addEventListener('click', function () { select(g); }); });
  var missing = 0;
  all('a.ev').forEach(function (a) {
    var kind = target(a).kind;
    a.dataset.resolved = kind;
    if (kind === 'missing') missing++;
    a.addEventListener('click', function (e) { e.preventDefault(); follow(a); });
  });
  document.body.dataset.evidenceMissing = missing;
  all('section.logs').forEach(function (s) {
    s.querySelector('.log-filter').addEventListener('input', function () { filterLogs(s); });
    all('.log-kind', s).forEach(function (c) { c.addEventListener('change', function () { filterLogs(s); }); });
  });
  document.getElementById('w-apply').addEventListener('click', function () {
    var f = parseFloat(document.getElementById('w-from').value), t = parseFloat(document.getElementById('w-to').value);
    setWindow(isNaN(f) ? 0 : f, isNaN(t) ? Infinity : t);
  });
  document.getElementById('w-reset').addEventListener('click', resetWindow);
  document.getElementById('detail-close').addEventListener('click', function () { document.getElementById('detail').hidden = true; });

  // The address can ask for a window, a packet and an evidence link: #window=1,5&select=3&evidence=0
  location.hash.replace(/^#/, '').split('&').forEach(function (part) {
    var kv = part.split('='), v = kv[1] || '';
    if (kv[0] === 'window') { var w = v.split(','); setWindow(parseFloat(w[0]), parseFloat(w[1])); }
    if (kv[0] === 'select') { var row = document.querySelector('g.row[data-trip="' + v + '"]'); if (row) select(row); }
    if (kv[0] === 'evidence') { var links = all('a.ev'); if (links[+v]) follow(links[+v]); }
    if (kv[0] === 'filter') { all('section.logs').forEach(function (s) { s.querySelector('.log-filter').value = decodeURIComponent(v); filterLogs(s); }); }
  });
  all('svg.ladder').forEach(function (s) { if (!s.dataset.visible) s.dataset.visible = all('g.row:not(.gap)', s).length; });
  document.body.dataset.scriptMs = Math.round(performance.now());  // since navigation began
  document.body.dataset.ready = '1';
})();
)JS";

}  // namespace vpnsim::report

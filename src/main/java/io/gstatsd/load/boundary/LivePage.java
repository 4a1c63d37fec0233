package io.gstatsd.load.boundary;

/**
 * The live page at {@code GET /}: plain HTML, CSS and a little JavaScript in one answer, nothing to build or
 * vendor. It asks {@code GET /live} every few seconds for the rows that match its filter (the server filters,
 * orders and cuts them to a few hundred, however many keys there are) and redraws the table in place.
 */
final class LivePage {

    static final String HTML = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gstatsd load</title>
<style>
  :root { --ink: #1d2330; --muted: #6b7385; --line: #e3e6ec; --band: #f6f7f9; --accent: #2a62c9; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
  header { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center;
           padding: 10px 16px; background: #fff; border-bottom: 1px solid var(--line); }
  h1 { margin: 0; font-size: 17px; font-weight: 600; }
  h1 span { color: var(--muted); font-weight: 400; }
  label { color: var(--muted); }
  input, select { font: inherit; color: var(--ink); padding: 4px 8px; border: 1px solid #c9ced8; border-radius: 4px; }
  input { width: 22em; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  #status { margin-left: auto; color: var(--muted); font-size: 13px; }
  #status.error { color: #b3261e; }
  table { width: 100%; border-collapse: collapse; }
  th { position: sticky; top: 51px; background: var(--band); text-align: left; font-weight: 600; font-size: 12px;
       color: var(--muted); text-transform: uppercase; letter-spacing: .03em; padding: 6px 10px;
       border-bottom: 1px solid var(--line); }
  th button { all: unset; cursor: pointer; }
  th button[aria-pressed="true"] { color: var(--accent); }
  th button[aria-pressed="true"]::after { content: " ▾"; }
  td { padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: middle; white-space: nowrap; }
  tbody tr:hover { background: #fafbfc; }
  td.key { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; white-space: normal;
           word-break: break-all; }
  td.num b { font-weight: 600; font-variant-numeric: tabular-nums; }
  td.num small { color: var(--muted); font-variant-numeric: tabular-nums; margin-left: 6px; }
  .none { color: #b8bdc8; }
  .type { display: inline-block; min-width: 4.6em; text-align: center; font-size: 11px; border-radius: 9px;
          padding: 1px 7px; }
  .counter { background: #e5eefc; color: #1f4fa8; } .timer { background: #f5e9fc; color: #6c2b94; }
  .gauge { background: #e5f6ec; color: #1c6b3c; }   .set { background: #fdf0e1; color: #8a4b0c; }
  svg.spark { display: block; }
  svg.spark polyline { fill: none; stroke: var(--accent); stroke-width: 1.5; stroke-linejoin: round; }
  svg.spark circle { fill: var(--accent); }
  svg.spark line { stroke: var(--line); }
  #more, #empty { color: var(--muted); padding: 10px 16px; margin: 0; }
</style>
</head>
<body>
<header>
  <h1>gstatsd <span>load</span></h1>
  <label>Keys starting with <input id="prefix" type="search" placeholder="all keys; e.g. api." autocomplete="off"
         spellcheck="false"></label>
  <label>Sort <select id="sort">
    <option value="rate">by rate, last minute</option>
    <option value="name">by name</option>
  </select></label>
  <span id="status" role="status">loading...</span>
</header>
<table>
  <thead><tr>
    <th><button type="button" data-sort="name">key</button></th><th>type</th>
    <th><button type="button" data-sort="rate">1 min</button></th><th>5 min</th><th>15 min</th>
    <th title="per minute, oldest first: counts for counters, timers and sets, the last value for gauges">last 15 minutes</th>
  </tr></thead>
  <tbody id="rows"></tbody>
</table>
<p id="empty" hidden>No key starts with that yet: send a metric, or shorten the filter.</p>
<p id="more" hidden></p>
<script>
"use strict";
const REFRESH_MILLIS = 3000;
const LIMIT = 300;
const prefix = document.getElementById("prefix");
const sort = document.getElementById("sort");
const rows = document.getElementById("rows");
const status = document.getElementById("status");
const more = document.getElementById("more");
const empty = document.getElementById("empty");
let generation = 0;
let timer = null;
let typing = null;

const start = new URLSearchParams(location.search);
prefix.value = start.get("startsWith") || "";
sort.value = start.get("sort") === "name" ? "name" : "rate";

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})[c]);
}

function fmt(v) {
  if (v === null || v === undefined) return "";
  const a = Math.abs(v);
  if (a >= 1e9) return (v / 1e9).toFixed(2) + "G";
  if (a >= 1e6) return (v / 1e6).toFixed(2) + "M";
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  return Number(v.toPrecision(3)).toLocaleString("en-US", {maximumFractionDigits: 6});
}

function cell(type, w) {
  if (!w) return '<span class="none">-</span>';
  switch (type) {
    case "counter": return "<b>" + fmt(w.rate) + "/s</b><small>" + fmt(w.count) + "</small>";
    case "timer": {
      const percents = Object.keys(w).filter(k => k.startsWith("upper_"))
          .map(k => "p" + k.substring(6).replace("_", ".") + " " + fmt(w[k]));
      return "<b>" + fmt(w.count) + "</b><small>" + percents.join(" &middot; ") + "</small>";
    }
    case "gauge": return "<b>" + fmt(w.last) + "</b><small>" + fmt(w.lower) + " &ndash; " + fmt(w.upper) + "</small>";
    default: return "<b>" + fmt(w.count) + "</b>";
  }
}

function sparkline(values, type) {
  const width = 150, height = 26, step = width / (values.length - 1);
  const known = values.filter(v => v !== null);
  const title = (type === "gauge" ? "last value" : "count") + " per minute: "
      + values.map(v => v === null ? "-" : fmt(v)).join(", ");
  if (known.length === 0) return '<svg class="spark" width="' + width + '" height="' + height + '"><title>'
      + escapeHtml(title) + "</title></svg>";
  const low = type === "gauge" ? Math.min(...known) : 0;
  const high = Math.max(...known);
  const y = v => high === low ? height / 2 : height - 2 - (v - low) / (high - low) * (height - 4);
  let lines = "", points = [], last = null;
  values.forEach((v, i) => {
    if (v === null) { if (points.length) lines += '<polyline points="' + points.join(" ") + '"/>'; points = []; return; }
    points.push((i * step).toFixed(1) + "," + y(v).toFixed(1));
    last = [i * step, y(v)];
  });
  if (points.length) lines += '<polyline points="' + points.join(" ") + '"/>';
  const dot = last ? '<circle r="2" cx="' + last[0].toFixed(1) + '" cy="' + last[1].toFixed(1) + '"/>' : "";
  const axis = '<line x1="0" x2="' + width + '" y1="' + (height - 1) + '" y2="' + (height - 1) + '"/>';
  return '<svg class="spark" width="' + width + '" height="' + height + '" viewBox="-2 0 ' + (width + 4) + " "
      + height + '"><title>' + escapeHtml(title) + "</title>" + axis + lines + dot + "</svg>";
}

function render(data) {
  rows.innerHTML = data.rows.map(r =>
      '<tr data-key="' + escapeHtml(r.key) + '" data-type="' + r.type + '">'
      + '<td class="key">' + escapeHtml(r.key) + "</td>"
      + '<td><span class="type ' + r.type + '">' + r.type + "</span></td>"
      + '<td class="num w1">' + cell(r.type, r.w1) + "</td>"
      + '<td class="num w5">' + cell(r.type, r.w5) + "</td>"
      + '<td class="num w15">' + cell(r.type, r.w15) + "</td>"
      + '<td class="spark">' + sparkline(r.perMinute, r.type) + "</td></tr>").join("");
  empty.hidden = data.rows.length > 0;
  const shown = new Set(data.rows.map(r => r.key)).size;
  more.hidden = shown >= data.matchingKeys;
  more.textContent = "Showing the first " + fmt(shown) + " of " + fmt(data.matchingKeys)
      + " matching keys: type more of a name to narrow them down.";
  const flushed = new Date(data.end * 1000).toLocaleTimeString();
  status.className = "";
  status.textContent = fmt(data.matchingKeys) + " keys · last flush " + flushed
      + " · updated " + new Date().toLocaleTimeString();
  document.body.dataset.end = data.end;
}

async function refresh() {
  clearTimeout(timer);
  const mine = ++generation;
  const query = new URLSearchParams({startsWith: prefix.value.trim(), sort: sort.value, limit: LIMIT});
  try {
    const response = await fetch("live?" + query, {headers: {Accept: "application/json"}, cache: "no-store"});
    if (!response.ok) throw new Error(response.status + ": " + (await response.text()).trim());
    const data = await response.json();
    if (mine !== generation) return;
    render(data);
  } catch (error) {
    if (mine !== generation) return;
    status.className = "error";
    status.textContent = "cannot read gstatsd (" + error.message + "); trying again";
  }
  if (mine === generation && !document.hidden) timer = setTimeout(refresh, REFRESH_MILLIS);
}

function filtersChanged() {
  const query = new URLSearchParams();
  if (prefix.value.trim()) query.set("startsWith", prefix.value.trim());
  if (sort.value !== "rate") query.set("sort", sort.value);
  history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
  document.querySelectorAll("th button").forEach(b => b.setAttribute("aria-pressed", b.dataset.sort === sort.value));
  refresh();
}

prefix.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(filtersChanged, 150); });
sort.addEventListener("change", filtersChanged);
document.querySelectorAll("th button").forEach(b => b.addEventListener("click", () => {
  sort.value = b.dataset.sort;
  filtersChanged();
}));
document.addEventListener("visibilitychange", () => { if (!document.hidden) refresh(); });
filtersChanged();
</script>
</body>
</html>
""";

    private LivePage() {
    }
}

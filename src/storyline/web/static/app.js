// Storyline page: a timeline, a list, the changes feed, quotes and actors over the JSON API,
// with an event panel (facts, lifecycle, conflicts, evidence with its sources).
//
// - Article data is untrusted: it reaches the DOM through textContent / createTextNode only;
//   a source URL becomes a link only when it is http(s).
// - The state (view, filters, open event or article, search, timeline window, list page) lives
//   in the URL fragment: reload, Back/Forward and shared links restore it.
// - Every request carries a sequence number per purpose; an answer that arrives after a newer
//   request was sent is dropped (counted in <body data-dropped>), so an old filter never wins.
// - The timeline opens where the data is dense (outliers such as a historical date are left
//   out of the first view, and counted), zooms and pans (buttons, Ctrl+wheel, drag, a brush on
//   the chart); undated events get their own list with the day they were first reported.
"use strict";

const STATUSES = ["happened", "planned", "possible", "postponed", "cancelled"];
const VIEWS = ["timeline", "list", "changes", "quotes", "actors", "codebook"];
const SVG_NS = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const PAGE = 50;
const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- DOM helpers
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = String(v);
    else if (k.startsWith("on")) throw new Error("event handlers are added with addEventListener");
    else node.setAttribute(k, String(v));
  }
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function button(text, onClick, attrs) {
  const b = el("button", { type: "button", class: "linkish", text, ...(attrs || {}) });
  b.addEventListener("click", onClick);
  return b;
}

function safeLink(url, text) {
  if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return null;
  return el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", class: "source-link", text });
}

// ---------------------------------------------------------------- API, with stale answers dropped
const seqs = {};

function dropped() {
  document.body.dataset.dropped = String(Number(document.body.dataset.dropped || 0) + 1);
}

class Stale extends Error {}

async function api(path, params, purpose) {
  const my = purpose ? (seqs[purpose] = (seqs[purpose] || 0) + 1) : 0;
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  }
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (purpose && my !== seqs[purpose]) { dropped(); throw new Stale(); }
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : `HTTP ${res.status}`;
    throw new Error(msg);
  }
  return body;
}

async function allEvents(params) {
  const first = await api("/api/events", { ...params, limit: 500, offset: 0 }, "events");
  const items = first.items.slice();
  const my = seqs.events;
  for (let offset = 500; offset < Math.min(first.total, 20000); offset += 500) {
    const page = await api("/api/events", { ...params, limit: 500, offset });
    if (my !== seqs.events) { dropped(); throw new Stale(); }
    items.push(...page.items);
  }
  return items;
}

// ---------------------------------------------------------------- words for codes
const book = { types: {}, modes: {}, statuses: {} };
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];
const SEASONS = { SP: "spring", SU: "summer", FA: "autumn", AU: "autumn", WI: "winter" };
const QUARTERS = { Q1: "Jan–Mar", Q2: "Apr–Jun", Q3: "Jul–Sep", Q4: "Oct–Dec" };

function typeLabel(type, mode) {
  if (mode && book.modes[mode]) return book.modes[mode];
  return (type && book.types[type]) || (type ? type.toLowerCase() : "event");
}

// one way to print a date: "2016-05-06", "May 2016", "autumn 2014", "12 September, year unknown", "undated";
// the same words as storyline.api.labels.human_date (a browser test compares them on the codebook's examples)
function humanDate(v) {
  if (!v || typeof v !== "string" || v.startsWith("?")) return "undated";
  if (v.includes("/")) return v.split("/").map(humanDate).join(" – ");
  const m = /^(\d{4}|XXXX)(?:-(\d{2}|XX|SP|SU|FA|AU|WI|Q[1-4]|H[12]|W\d{2})(?:-(\d{2}|XX))?)?/.exec(v);
  if (!m) return "undated";
  const [, y, part, day] = m;
  const known = y !== "XXXX";
  if (!part) return known ? y : "undated";
  if (SEASONS[part]) return known ? `${SEASONS[part]} ${y}` : `${SEASONS[part]}, year unknown`;
  if (part[0] === "Q") return known ? `${part} ${y} (${QUARTERS[part]})` : "undated";
  if (part[0] === "H") return known ? `${part === "H1" ? "first" : "second"} half of ${y}` : "undated";
  if (part[0] === "W") return known ? `week ${Number(part.slice(1))} of ${y}` : "undated";
  const month = MONTHS[Number(part) - 1];
  if (!month) return known ? y : "undated";
  if (!day || day === "XX") return known ? `${month} ${y}` : `${month}, year unknown`;
  return known ? `${y}-${part}-${day}` : `${Number(day)} ${month}, year unknown`;
}

function side(a) {
  return (a && (a.name || a.country)) || "?";
}

function eventTitle(ev) {
  return `${typeLabel(ev.type, ev.mode)}: ${side(ev.source)} → ${side(ev.target)}`;
}

function codeTitle(ev) {
  return `${ev.type || "?"}${ev.mode ? `/${ev.mode}` : ""}${ev.date ? ` · ${ev.date}` : ""}`;
}

function statusBadge(status, overdue) {
  return el("span", { class: `badge s-${STATUSES.includes(status) ? status : "unknown"}` },
    status || "?", overdue ? el("span", { class: "overdue-tag", text: " overdue" }) : null);
}

function showError(where, err) {
  if (err instanceof Stale) return;
  clear(where);
  where.appendChild(el("p", { class: "error", text: String(err.message || err) }));
}

// ---------------------------------------------------------------- state in the URL
const state = {
  view: "timeline", filters: {}, rows: "pair", event: null, article: null, actorOpen: null, q: "",
  win: null, listSort: "date", listPage: 0,
  events: [], stats: null, loadedKey: null, lastFocus: null,
};
const FILTER_KEYS = ["countries", "actor", "type", "status", "date_from", "date_to"];

function readURL() {
  const p = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  state.view = VIEWS.includes(p.get("view")) ? p.get("view") : "timeline";
  state.filters = {};
  for (const k of FILTER_KEYS) state.filters[k] = p.get(k) || "";
  state.rows = p.get("rows") === "actor" ? "actor" : "pair";
  state.event = p.get("event") || null;
  state.article = p.get("article") || null;
  state.actorOpen = p.get("who") || null;
  state.q = p.get("q") || "";
  const w = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(p.get("win") || "");
  state.win = w ? { min: parseDay(w[1]), max: parseDay(w[2]) } : null;
  state.listSort = p.get("sort") || "date";
  state.listPage = Math.max(0, Number(p.get("page")) || 0);
}

function hashOf() {
  const p = new URLSearchParams();
  if (state.view !== "timeline") p.set("view", state.view);
  for (const k of FILTER_KEYS) if (state.filters[k]) p.set(k, state.filters[k]);
  if (state.rows !== "pair") p.set("rows", state.rows);
  if (state.win) p.set("win", `${isoDay(state.win.min)}..${isoDay(state.win.max)}`);
  if (state.listSort !== "date") p.set("sort", state.listSort);
  if (state.listPage) p.set("page", String(state.listPage));
  if (state.q) p.set("q", state.q);
  if (state.event) p.set("event", state.event);
  else if (state.article) p.set("article", state.article);
  else if (state.actorOpen) p.set("who", state.actorOpen);
  const s = p.toString();
  return s ? `#${s}` : "#";
}

function go(push = true) {
  const h = hashOf();
  if (h !== (window.location.hash || "#")) {
    if (push) history.pushState(null, "", h);
    else history.replaceState(null, "", h);
  }
  render();
}

function formToFilters() {
  const statuses = [...document.querySelectorAll("#f-status input:checked")].map((i) => i.value);
  return {
    countries: $("f-pair").value,
    actor: $("f-actor").value.trim(),
    type: $("f-type").value,
    status: statuses.length === STATUSES.length ? "" : statuses.join(","),
    date_from: $("f-from").value,
    date_to: $("f-to").value,
  };
}

function filtersToForm() {
  const f = state.filters;
  if (f.countries && ![...$("f-pair").options].some((o) => o.value === f.countries)) {
    $("f-pair").appendChild(el("option", { value: f.countries, text: f.countries.replace(",", " – ") }));
  }
  $("f-pair").value = f.countries || "";
  $("f-actor").value = f.actor || "";
  if (f.type && ![...$("f-type").options].some((o) => o.value === f.type)) {
    $("f-type").appendChild(el("option", { value: f.type, text: f.type }));
  }
  $("f-type").value = f.type || "";
  const on = f.status ? f.status.split(",") : STATUSES;
  for (const i of document.querySelectorAll("#f-status input")) i.checked = on.includes(i.value);
  $("f-from").value = /^\d{4}-\d{2}$/.test(f.date_from) ? f.date_from : "";
  $("f-to").value = /^\d{4}-\d{2}$/.test(f.date_to) ? f.date_to : "";
  $("f-rows").value = state.rows;
  $("search").value = state.q;
}

function validFilters(f) {
  if (f.date_from && f.date_to && f.date_to < f.date_from) {
    return `“To” (${f.date_to}) is before “From” (${f.date_from}).`;
  }
  return "";
}

function applyFilters() {
  const f = formToFilters();
  const problem = validFilters(f);
  $("filter-error").hidden = !problem;
  $("filter-error").textContent = problem;
  if (problem) { $("f-to").focus(); return; }
  state.filters = f;
  state.rows = $("f-rows").value;
  state.win = null;
  state.listPage = 0;
  go(true);
}

// ---------------------------------------------------------------- rendering a state
let renderedPanel = null;

function render() {
  filtersToForm();
  for (const v of VIEWS) {
    $(`view-${v}`).hidden = v !== state.view;
    $(`tab-${v}`).setAttribute("aria-selected", String(v === state.view));
    $(`tab-${v}`).tabIndex = v === state.view ? 0 : -1;
  }
  const key = JSON.stringify(state.filters);
  if (state.view === "timeline") {
    if (key !== state.loadedKey) loadTimeline(key); else { drawTimeline(); drawChart(); }
  } else if (state.view === "list") loadList();
  else if (state.view === "changes") loadChanges(false);
  else if (state.view === "quotes") loadQuotes(false);
  else if (state.view === "actors") loadActors();
  else if (state.view === "codebook") drawCodebook();
  $("feed-link").href = feedURL();
  // the search and the panel
  if (state.q) { if ($("results").dataset.q !== state.q) runSearch(state.q, false); }
  else { $("results").hidden = true; $("results").dataset.q = ""; }
  const want = state.event ? `e:${state.event}` : state.article ? `a:${state.article}` :
    state.actorOpen ? `p:${state.actorOpen}` : null;
  if (want !== renderedPanel) {
    renderedPanel = want;
    if (state.event) showEvent(state.event);
    else if (state.article) showArticle(state.article);
    else if (state.actorOpen) showActor(state.actorOpen);
    else hidePanel();
  }
}

// ---------------------------------------------------------------- setup
async function loadStats() {
  const [s, codes] = await Promise.all([api("/api/stats"), api("/api/codebook")]);
  state.stats = s;
  for (const t of codes.types) book.types[t.code] = t.label;
  for (const m of codes.modes) book.modes[m.code] = m.label;
  book.codebook = codes;
  $("stats").textContent = `${s.articles} articles · ${s.events} events (${s.linked_events} linked across articles) · ` +
    `${s.quotes} quotes · published ${humanDate(s.published.first)} – ${humanDate(s.published.last)}`;
  for (const p of s.country_pairs) {
    $("f-pair").appendChild(el("option", { value: p.countries.join(","), text: `${p.countries.join(" – ")} (${p.events})` }));
  }
  for (const t of s.types) $("f-type").appendChild(el("option", { value: t, text: book.types[t] || t, title: t }));
  for (const st of STATUSES) {
    $("f-status").appendChild(el("label", { class: `chk s-${st}` },
      el("input", { type: "checkbox", value: st, checked: "checked" }), ` ${st}`));
    $("legend").appendChild(el("span", { class: "legend-item" }, statusBadge(st)));
  }
  $("legend").appendChild(el("span", { class: "legend-item" }, el("span", { class: "badge overdue", text: "! overdue" })));
  $("legend").appendChild(el("span", { class: "legend-item muted", text: "bar = a month, season or span; dot = a day" }));
  api("/api/actors", { type: "PERSON,ORG,GPE", limit: 200 }).then((actors) => {
    for (const a of actors.items) $("actor-list").appendChild(el("option", { value: a.name }));
  }).catch(() => {});
}

// ---------------------------------------------------------------- timeline
const parseDay = (s) => (s ? Date.parse(`${s.slice(0, 10)}T00:00:00Z`) : NaN);
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

function eventSpan(ev) {
  if (!ev.date_range) return null;
  const start = parseDay(ev.date_range.start), end = parseDay(ev.date_range.end);
  return { start, end, partial: end - start >= DAY };
}

async function loadTimeline(key) {
  $("timeline-note").textContent = "loading…";
  try {
    state.events = await allEvents(state.filters);
    state.loadedKey = key;
    drawTimeline();
    drawUndated();
    drawChart();
  } catch (err) {
    showError($("timeline-note"), err);
  }
}

// the window that holds most events: Tukey's fences on the event dates leave out a lone
// historical date that would squeeze every recent event into a corner (the fences are at least a
// year wide, so a sparse selection shows all of itself)
function denseWindow(spans) {
  const mids = spans.map((s) => (s.start + s.end) / 2).sort((a, b) => a - b);
  const q = (p) => mids[Math.min(mids.length - 1, Math.floor(p * (mids.length - 1)))];
  const q1 = q(0.25), q3 = q(0.75), fence = Math.max(3 * (q3 - q1), 365 * DAY);
  const lo = q1 - fence, hi = q3 + fence;
  const inside = spans.filter((s) => s.end >= lo && s.start <= hi);
  const use = inside.length ? inside : spans;
  let min = Math.min(...use.map((s) => s.start)), max = Math.max(...use.map((s) => s.end));
  const pad = Math.max((max - min) * 0.04, 20 * DAY);
  return { min: min - pad, max: max + pad };
}

function fullWindow(spans) {
  const min = Math.min(...spans.map((s) => s.start)), max = Math.max(...spans.map((s) => s.end));
  const pad = Math.max((max - min) * 0.03, 20 * DAY);
  return { min: min - pad, max: max + pad };
}

function ticks(min, max, width) {
  const out = [];
  const spanMonths = (max - min) / (30.4 * DAY);
  const fit = Math.max(2, Math.floor(width / 70));
  const step = [1, 2, 3, 6, 12, 24, 60, 120, 240].find((s) => spanMonths / s <= fit) || 600;
  const d = new Date(min);
  let y = d.getUTCFullYear(), m = Math.floor(d.getUTCMonth() / Math.min(step, 12)) * Math.min(step, 12);
  if (step > 12) y = Math.floor(y / (step / 12)) * (step / 12);
  for (let i = 0; i < 500; i++) {
    const t = Date.UTC(y, m, 1);
    if (t > max) break;
    if (t >= min) out.push({ t, label: step >= 12 ? String(y) : `${MONTHS[m].slice(0, 3)} ${y}` });
    m += step;
    if (m >= 12) { y += Math.floor(m / 12); m %= 12; }
  }
  return out;
}

function rowKeys(ev, by) {
  if (by === "actor") return ev.actors && ev.actors.length ? ev.actors : [ev.countries.join(" – ") || "unknown"];
  return [ev.countries.length ? ev.countries.join(" – ") : "unknown"];
}

function shortLabel(ev) {
  const s = (a) => (a && (a.name ? a.name.split(" ").slice(-1)[0] : a.country)) || "?";
  const text = `${typeLabel(ev.type, ev.mode)} ${s(ev.source)}–${s(ev.target)}`;
  return text.length > 34 ? `${text.slice(0, 33)}…` : text;
}

function drawTimeline() {
  const box = $("timeline");
  clear(box);
  const placed = state.events.map((ev) => ({ ev, span: eventSpan(ev) })).filter((p) => p.span);
  const undated = state.events.length - placed.length;
  $("timeline-count").textContent = `(${state.events.length} events${undated ? `, ${undated} undated` : ""})`;
  $("timeline-empty").hidden = placed.length > 0;
  $("timeline-empty").textContent = state.events.length ? "No dated events match these filters; see the undated list below."
    : "No events match these filters.";
  box.style.display = placed.length ? "" : "none";
  $("timeline-note").textContent = "";
  if (!placed.length) { $("z-range").textContent = ""; return; }
  const win = state.win || denseWindow(placed.map((p) => p.span));
  const { min, max } = win;
  const visible = placed.filter((p) => p.span.end >= min && p.span.start <= max);
  const outside = placed.length - visible.length;
  $("z-range").textContent = `${isoDay(min)} – ${isoDay(max)}`;
  if (outside) {
    $("timeline-note").textContent = `${outside} dated event(s) lie outside this view: use “All”, zoom out or pan.`;
  }
  const width = Math.max(320, Math.min(1600, ($("timeline-box").clientWidth || 900) - 2));
  const narrow = width < 600;
  const left = narrow ? 96 : 170, right = 12, top = 28, laneH = 22, pad2 = 5;
  const x = (t) => left + ((t - min) / (max - min)) * (width - left - right);
  const rows = new Map();
  for (const p of visible) for (const k of rowKeys(p.ev, state.rows)) {
    if (!rows.has(k)) rows.set(k, []);
    rows.get(k).push(p);
  }
  const names = [...rows.keys()].sort((a, b) => rows.get(b).length - rows.get(a).length || a.localeCompare(b));
  // lanes: labelled while a row needs few of them (more when there are few rows); a crowded row
  // drops its labels, and past the cap its markers share the last lane (each keeps its tooltip
  // and its button role)
  const MAX_LANES = names.length <= 2 ? 12 : names.length <= 6 ? 6 : 3;
  const layout = names.map((name) => {
    const items = rows.get(name).slice().sort((a, b) => a.span.start - b.span.start || a.ev.event_id.localeCompare(b.ev.event_id));
    const pack = (withLabels) => {
      const lanes = [];
      return items.map((p) => {
        const label = withLabels && !narrow ? shortLabel(p.ev) : "";
        const labelW = label ? label.length * 6.2 + (p.ev.overdue ? 10 : 0) + 12 : 4;
        const m0 = x(Math.max(p.span.start, min)) - 8, m1 = Math.max(x(Math.min(p.span.end, max)), m0 + 8) + 8;
        const before = label && m1 + labelW > width - 4;
        const x0 = before ? m0 - labelW : m0, x1 = before ? m1 : m1 + labelW;
        let lane = lanes.findIndex((end) => end < x0);
        if (lane < 0) { lane = lanes.length; lanes.push(0); }
        lanes[lane] = x1;
        return { ...p, lane, label, before };
      });
    };
    let placedItems = pack(true);
    let lanes = Math.max(...placedItems.map((i) => i.lane)) + 1;
    if (lanes > MAX_LANES) { placedItems = pack(false); lanes = Math.max(...placedItems.map((i) => i.lane)) + 1; }
    const crowded = lanes > MAX_LANES;
    if (crowded) for (const it of placedItems) it.lane = Math.min(it.lane, MAX_LANES - 1);
    return { name, items: placedItems, lanes: Math.min(lanes, MAX_LANES), crowded };
  });
  const height = top + layout.reduce((n, r) => n + r.lanes * laneH + 2 * pad2, 0) + 10;
  box.setAttribute("width", width); box.setAttribute("height", height);
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  box.appendChild(svg("rect", { x: 0, y: 0, width, height, class: "bg" }));
  for (const tk of ticks(min, max, width - left)) {
    box.appendChild(svg("line", { x1: x(tk.t), x2: x(tk.t), y1: top - 6, y2: height - 6, class: "grid" }));
    box.appendChild(svg("text", { x: x(tk.t) + 3, y: top - 10, class: "tick", text: tk.label }));
  }
  let y0 = top;
  layout.forEach((row, i) => {
    const rowH = row.lanes * laneH + 2 * pad2;
    if (i % 2 === 0) box.appendChild(svg("rect", { x: 0, y: y0, width, height: rowH, class: "band" }));
    const chars = narrow ? 12 : 22;
    box.appendChild(svg("g", { class: "row" }, svg("title", { text: row.name }),
      svg("text", { x: 6, y: y0 + pad2 + laneH / 2 + 4, class: "row-label",
                    text: row.name.length > chars ? `${row.name.slice(0, chars - 1)}…` : row.name }),
      svg("text", { x: 6, y: y0 + pad2 + laneH / 2 + 17, class: "row-count",
                    text: `${row.items.length} event${row.items.length === 1 ? "" : "s"}${row.crowded ? " (stacked)" : ""}` })));
    for (const it of row.items) {
      box.appendChild(marker(it.ev, it.span, x, y0 + pad2 + it.lane * laneH + laneH / 2, it.label, it.before, min, max));
    }
    y0 += rowH;
  });
}

function marker(ev, span, x, y, label, before, min, max) {
  const status = STATUSES.includes(ev.status) ? ev.status : "unknown";
  const cls = `mark s-${status}${span.partial ? " partial" : ""}${ev.overdue ? " is-overdue" : ""}` +
    (state.event === ev.event_id ? " selected" : "");
  const g = svg("g", { class: cls, tabindex: 0, role: "button", "data-event": ev.event_id,
                       "aria-label": `${eventTitle(ev)}, ${status}${ev.overdue ? ", overdue" : ""}, ${humanDate(ev.date)}` });
  const x0 = x(Math.max(span.start, min)), x1 = x(Math.min(span.end, max));
  if (x1 - x0 > 8) g.appendChild(svg("rect", { x: x0, y: y - 7, width: x1 - x0, height: 14, rx: 4 }));
  else g.appendChild(svg("circle", { cx: (x0 + x1) / 2, cy: y, r: 7 }));
  const after = Math.max(x1, x0 + 8) + 3;
  if (ev.overdue) g.appendChild(svg("text", { x: after, y: y + 4, class: "overdue-mark", text: "!" }));
  if (label) {
    g.appendChild(svg("text", { x: before ? Math.min(x0, x1) - 10 : after + (ev.overdue ? 8 : 0), y: y + 4,
                                class: before ? "ev-label before" : "ev-label", text: label }));
  }
  g.appendChild(svg("title", { text: `${eventTitle(ev)}\n${status}${ev.overdue ? " (overdue)" : ""} · ` +
    `${humanDate(ev.date)}${ev.location && ev.location.name ? ` · ${ev.location.name}` : ""}` +
    `\n${ev.reports} report(s) · ${codeTitle(ev)}` }));
  const open = () => openEvent(ev.event_id, g);
  g.addEventListener("click", open);
  g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
  return g;
}

function drawUndated() {
  const list = $("undated-list");
  clear(list);
  const undated = state.events.filter((ev) => !ev.date_range)
    .sort((a, b) => (a.first_reported || "9").localeCompare(b.first_reported || "9"));
  $("undated").hidden = !undated.length;
  $("undated-count").textContent = `(${undated.length})`;
  for (const ev of undated) {
    list.appendChild(el("li", {}, statusBadge(ev.status), " ",
      button(eventTitle(ev), (e) => openEvent(ev.event_id, e.currentTarget), { "data-event": ev.event_id }), " ",
      el("span", { class: "muted", text: `first reported ${humanDate(ev.first_reported)}${ev.date ? ` · said: ${humanDate(ev.date)}` : ""}` })));
  }
}

function setWindow(win) {
  state.win = win ? { min: Math.round(win.min / DAY) * DAY, max: Math.round(win.max / DAY) * DAY } : null;
  go(false);
}

function currentWindow() {
  const spans = state.events.map(eventSpan).filter(Boolean);
  if (!spans.length) return null;
  return state.win || denseWindow(spans);
}

function zoom(factor, at) {
  const w = currentWindow();
  if (!w) return;
  const c = at === undefined ? (w.min + w.max) / 2 : at;
  const half = Math.max(7 * DAY, ((w.max - w.min) * factor) / 2);
  const f = (c - w.min) / (w.max - w.min);
  setWindow({ min: c - 2 * half * f, max: c + 2 * half * (1 - f) });
}

function pan(fraction) {
  const w = currentWindow();
  if (!w) return;
  const d = (w.max - w.min) * fraction;
  setWindow({ min: w.min + d, max: w.max + d });
}

function wireTimeline() {
  $("z-in").addEventListener("click", () => zoom(0.5));
  $("z-out").addEventListener("click", () => zoom(2));
  $("z-left").addEventListener("click", () => pan(-0.25));
  $("z-right").addEventListener("click", () => pan(0.25));
  $("z-dense").addEventListener("click", () => setWindow(null));
  $("z-all").addEventListener("click", () => {
    const spans = state.events.map(eventSpan).filter(Boolean);
    if (spans.length) setWindow(fullWindow(spans));
  });
  const box = $("timeline");
  const toTime = (clientX) => {
    const w = currentWindow();
    const r = box.getBoundingClientRect();
    const width = Number(box.getAttribute("width")) || r.width;
    const left = width < 600 ? 96 : 170;
    return w.min + ((clientX - r.left - left) / (width - left - 12)) * (w.max - w.min);
  };
  box.addEventListener("wheel", (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;          // plain wheel scrolls the page
    e.preventDefault();
    zoom(e.deltaY > 0 ? 1.25 : 0.8, toTime(e.clientX));
  }, { passive: false });
  let drag = null;
  box.addEventListener("pointerdown", (e) => {
    if (e.target.closest(".mark") || e.button !== 0) return;
    drag = { x: e.clientX, win: currentWindow() };
  });
  window.addEventListener("pointerup", (e) => {
    if (!drag || !drag.win) { drag = null; return; }
    const dx = e.clientX - drag.x;
    const width = Number(box.getAttribute("width")) || 900;
    if (Math.abs(dx) > 4) {
      const d = (-dx / (width - 180)) * (drag.win.max - drag.win.min);
      setWindow({ min: drag.win.min + d, max: drag.win.max + d });
    }
    drag = null;
  });
}

// ---------------------------------------------------------------- monthly chart: the filtered events
function monthOf(ev) {
  if (ev.date_range && ev.date_range.start.slice(0, 7) === ev.date_range.end.slice(0, 7)) return ev.date_range.start.slice(0, 7);
  return ev.first_reported ? ev.first_reported.slice(0, 7) : null;
}

function monthsBetween(a, b) {
  const out = [];
  let y = Number(a.slice(0, 4)), m = Number(a.slice(5, 7));
  const ly = Number(b.slice(0, 4)), lm = Number(b.slice(5, 7));
  while ((y < ly || (y === ly && m <= lm)) && out.length < 1200) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

function drawChart() {
  const box = $("chart");
  clear(box);
  const per = new Map();
  let none = 0, outside = 0;
  const win = currentWindow();
  const lo = win ? isoDay(win.min).slice(0, 7) : "0000", hi = win ? isoDay(win.max).slice(0, 7) : "9999";
  for (const ev of state.events) {
    const m = monthOf(ev);
    if (!m) { none += 1; continue; }
    if (m < lo || m > hi) { outside += 1; continue; }
    if (!per.has(m)) per.set(m, {});
    per.get(m)[ev.status] = (per.get(m)[ev.status] || 0) + 1;
  }
  const keys = [...per.keys()].sort();
  $("chart-note").textContent = `(the events above, by the month of their date or, when that is vaguer than a month, ` +
    `of their first report${outside ? `; ${outside} outside this view` : ""}${none ? `; ${none} with neither` : ""})`;
  const months = keys.length ? monthsBetween(keys[0], keys[keys.length - 1]) : [];
  const avail = Math.max(300, (box.parentElement.clientWidth || 900) - 4);
  const width = Math.min(avail, Math.max(300, 40 + months.length * 28)), height = 180, left = 34, bottom = 38;
  box.setAttribute("width", width); box.setAttribute("height", height);
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!months.length) {
    box.appendChild(svg("text", { x: 10, y: 24, class: "empty", text: "No events to count." }));
    return;
  }
  const top = Math.max(1, ...months.map((m) => Object.values(per.get(m) || {}).reduce((a, b) => a + b, 0)));
  const bw = (width - left - 10) / months.length;
  const yScale = (n) => (n / top) * (height - bottom - 12);
  box.appendChild(svg("text", { x: 4, y: 14, class: "tick", text: String(top) }));
  box.appendChild(svg("line", { x1: left, x2: width - 6, y1: height - bottom, y2: height - bottom, class: "axis" }));
  const every = Math.ceil(months.length / Math.max(1, Math.floor((width - left) / 64)));
  months.forEach((m, i) => {
    let base = height - bottom;
    for (const st of STATUSES) {
      const n = (per.get(m) || {})[st] || 0;
      if (!n) continue;
      const h = yScale(n);
      box.appendChild(svg("rect", { x: left + i * bw + 1, y: base - h, width: Math.max(1, bw - 2), height: h,
                                    class: `bar s-${st}`, "data-month": m }, svg("title", { text: `${humanDate(m)}: ${n} ${st}` })));
      base -= h;
    }
    if (i % every === 0) {
      box.appendChild(svg("text", { x: left + i * bw + bw / 2, y: height - bottom + 14, class: "tick month", text: m }));
    }
  });
  // brush: drag across months to show them on the timeline
  const monthAt = (clientX) => {
    const r = box.getBoundingClientRect();
    const i = Math.max(0, Math.min(months.length - 1, Math.floor((clientX - r.left - left) / bw)));
    return months[i];
  };
  let from = null;
  const brush = svg("rect", { class: "brush", x: 0, y: 0, width: 0, height: height - bottom });
  box.appendChild(brush);
  box.onpointerdown = (e) => { from = { x: e.clientX, m: monthAt(e.clientX) }; };
  box.onpointermove = (e) => {
    if (!from) return;
    const r = box.getBoundingClientRect();
    brush.setAttribute("x", Math.min(from.x, e.clientX) - r.left);
    brush.setAttribute("width", Math.abs(e.clientX - from.x));
  };
  box.onpointerup = (e) => {
    if (!from) return;
    const a = from.m, b = monthAt(e.clientX);
    from = null;
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const end = new Date(Date.UTC(Number(hi.slice(0, 4)), Number(hi.slice(5, 7)), 0)).getTime();
    setWindow({ min: parseDay(`${lo}-01`) - 3 * DAY, max: end + 3 * DAY });
  };
}

// ---------------------------------------------------------------- list view
async function loadList() {
  const tbody = $("list-table").querySelector("tbody");
  for (const th of $("list-table").querySelectorAll("th[data-sort]")) {
    const k = th.dataset.sort;
    th.setAttribute("aria-sort", state.listSort === k ? "ascending" : state.listSort === `-${k}` ? "descending" : "none");
  }
  try {
    const page = await api("/api/events", { ...state.filters, sort: state.listSort, limit: PAGE,
                                            offset: state.listPage * PAGE }, "list");
    clear(tbody);
    for (const ev of page.items) {
      tbody.appendChild(el("tr", {},
        el("td", { text: humanDate(ev.date), title: ev.date || "no date" }),
        el("td", {}, statusBadge(ev.status, ev.overdue)),
        el("td", {}, button(typeLabel(ev.type, ev.mode), (e) => openEvent(ev.event_id, e.currentTarget),
                            { title: codeTitle(ev), "data-event": ev.event_id })),
        el("td", { text: `${side(ev.source)} → ${side(ev.target)}` }),
        el("td", { text: ev.location ? ev.location.name || ev.location.country || "" : "" }),
        el("td", { class: "num", text: String(ev.reports) }),
        el("td", { text: humanDate(ev.first_reported) })));
    }
    if (!page.items.length) tbody.appendChild(el("tr", {}, el("td", { colspan: 7, class: "empty", text: "No events match these filters." })));
    const last = Math.max(0, Math.ceil(page.total / PAGE) - 1);
    $("list-count").textContent = `(${page.total})`;
    $("list-page").textContent = `page ${state.listPage + 1} of ${last + 1}`;
    $("list-prev").disabled = state.listPage === 0;
    $("list-next").disabled = state.listPage >= last;
  } catch (err) {
    if (!(err instanceof Stale)) { clear(tbody); tbody.appendChild(el("tr", {}, el("td", { colspan: 7, class: "error", text: err.message }))); }
  }
}

// ---------------------------------------------------------------- changes view
let changesOffset = 0;

function changesParams() {
  const f = state.filters;
  return { countries: f.countries, actor: f.actor, type: f.type, status: f.status, since: f.date_from, until: f.date_to };
}

function feedURL() {
  const u = new URL("/feeds/changes.atom", window.location.origin);
  for (const [k, v] of Object.entries(changesParams())) if (v) u.searchParams.set(k, v);
  return u.pathname + u.search;
}

async function loadChanges(more) {
  const list = $("changes-list");
  changesOffset = more ? changesOffset + PAGE : 0;
  $("changes-feed").href = feedURL();
  try {
    const page = await api("/api/changes", { ...changesParams(), limit: PAGE, offset: changesOffset }, "changes");
    if (!more) clear(list);
    $("changes-count").textContent = `(${page.total})`;
    for (const c of page.items) {
      let what = c.label;
      if (c.kind === "date_moved") what += ` from ${humanDate(c.from_date)} to ${humanDate(c.date)}`;
      else if (c.kind === "overdue") what += ` (due ${humanDate(c.date)})`;
      else if (c.recalled) what += ` in ${humanDate(c.date)} (recalled)`;
      else if (c.date && c.kind !== "happened") what += ` (${humanDate(c.date)})`;
      const ev = { type: c.type, mode: c.mode, source: c.source, target: c.target };
      list.appendChild(el("li", { class: `change k-${c.kind}`, "data-kind": c.kind },
        el("span", { class: "when", text: humanDate(c.at) }), " ",
        el("span", { class: `kind k-${c.kind}`, text: what }), " ",
        button(eventTitle(ev), (e) => openEvent(c.event_id, e.currentTarget), { "data-event": c.event_id }),
        c.evidence ? el("blockquote", { text: c.evidence }) : null,
        el("div", { class: "muted" }, `${c.outlet || "unknown outlet"}${c.reported_by ? `, citing ${c.reported_by}` : ""}`,
          c.headline ? ` · ${c.headline}` : "", " ", safeLink(c.url, "source"))));
    }
    if (!page.total) list.appendChild(el("li", { class: "empty", text: "No changes match these filters." }));
    $("changes-more").hidden = changesOffset + PAGE >= page.total;
  } catch (err) {
    showError(list, err);
  }
}

// ---------------------------------------------------------------- quotes and actors
let quotesOffset = 0;

async function loadQuotes(more) {
  const list = $("quotes-list");
  quotesOffset = more ? quotesOffset + PAGE : 0;
  const speaker = $("q-speaker").value.trim() || state.filters.actor;
  try {
    const page = await api("/api/quotes", { speaker, q: $("q-text").value.trim(), limit: PAGE, offset: quotesOffset }, "quotes");
    if (!more) clear(list);
    $("quotes-count").textContent = `(${page.total}${speaker ? ` by “${speaker}”` : ""})`;
    for (const qt of page.items) {
      list.appendChild(el("li", {},
        el("q", { text: qt.text }), " — ",
        el("span", { class: "speaker", text: qt.speaker || "unattributed" }),
        el("div", { class: "muted" }, `${humanDate(qt.published)} · ${qt.outlet || "?"} · `,
          button(qt.headline || qt.path, () => openArticle(qt.article_id)))));
    }
    if (!page.total) list.appendChild(el("li", { class: "empty", text: "No quotes found." }));
    $("quotes-more").hidden = quotesOffset + PAGE >= page.total;
  } catch (err) {
    showError(list, err);
  }
}

async function loadActors() {
  const tbody = $("actors-table").querySelector("tbody");
  try {
    const page = await api("/api/actors", { q: state.filters.actor, limit: 200 }, "actors");
    clear(tbody);
    $("actors-count").textContent = `(${page.total})`;
    for (const a of page.items) {
      tbody.appendChild(el("tr", {},
        el("td", {}, button(a.name, () => { state.actorOpen = a.name; state.event = null; state.article = null; go(true); },
                            { title: a.aliases && a.aliases.length ? `also: ${a.aliases.join(", ")}` : null })),
        el("td", { text: a.type }), el("td", { text: a.country || "" }), el("td", { text: (a.roles || []).join(", ") }),
        el("td", { class: "num", text: String(a.articles) }), el("td", { class: "num", text: String(a.events) })));
    }
    if (!page.items.length) tbody.appendChild(el("tr", {}, el("td", { colspan: 6, class: "empty", text: "No actors found." })));
  } catch (err) {
    if (!(err instanceof Stale)) { clear(tbody); tbody.appendChild(el("tr", {}, el("td", { colspan: 6, class: "error", text: err.message }))); }
  }
}

async function showActor(name) {
  openPanel(el("h3", { id: "panel-title", tabindex: -1, text: name }), el("p", { class: "muted", text: "loading…" }));
  try {
    const [who, evs, qs] = await Promise.all([api("/api/actors", { q: name, limit: 20 }),
      api("/api/events", { actor: name, sort: "date", limit: 100 }), api("/api/quotes", { speaker: name, limit: 100 })]);
    if (state.actorOpen !== name) return;
    const a = who.items.find((x) => x.name === name) || who.items[0];
    openPanel(el("h3", { id: "panel-title", tabindex: -1, text: name }),
      a ? el("dl", { class: "facts" }, el("dt", { text: "kind" }), el("dd", { text: a.type }),
        el("dt", { text: "countries" }), el("dd", { text: (a.countries || []).join(", ") || "—" }),
        el("dt", { text: "roles" }), el("dd", { text: (a.roles || []).join("; ") || "—" }),
        el("dt", { text: "also written" }), el("dd", { text: (a.aliases || []).join(", ") || "—" }),
        el("dt", { text: "articles" }), el("dd", { text: String(a.articles) })) : null,
      el("h4", { text: `Events over time (${evs.total})` }),
      el("ol", { class: "actor-events" }, evs.items.map((ev) => el("li", {},
        el("span", { class: "when", text: humanDate(ev.date || ev.first_reported) }), " ", statusBadge(ev.status, ev.overdue), " ",
        button(eventTitle(ev), (e) => openEvent(ev.event_id, e.currentTarget), { "data-event": ev.event_id })))),
      el("h4", { text: `Quotes (${qs.total})` }),
      el("ul", { class: "quotes" }, qs.items.map((qt) => el("li", {}, el("span", { class: "when", text: humanDate(qt.published) }), " ",
        el("q", { text: qt.text }), " ", button(qt.headline || "article", () => openArticle(qt.article_id))))));
  } catch (err) {
    openPanel(el("p", { class: "error", text: String(err.message) }));
  }
}

function drawCodebook() {
  const box = $("codebook");
  if (box.firstChild || !book.codebook) return;
  const table = (title, rows) => el("div", {}, el("h3", { text: title }), el("table", { class: "table" },
    el("thead", {}, el("tr", {}, el("th", { text: "code" }), el("th", { text: "shown as" }))),
    el("tbody", {}, rows.map((r) => el("tr", {}, el("td", {}, el("code", { text: r.code === null ? "(none)" : r.code })), el("td", { text: r.label }))))));
  append(box, [table("Event types (PLOVER)", book.codebook.types), table("Modes", book.codebook.modes),
    table("Statuses", book.codebook.statuses), table("Dates (TIMEX3)", book.codebook.dates)]);
}

// ---------------------------------------------------------------- the panel
function markedText(text, spans) {
  const frag = document.createDocumentFragment();
  const sorted = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, pos), end = Math.min(s.end, text.length);
    if (end <= start) continue;
    frag.appendChild(document.createTextNode(text.slice(pos, start)));
    frag.appendChild(el("mark", { title: s.label || null, "data-status": s.status || null }, text.slice(start, end)));
    pos = end;
  }
  frag.appendChild(document.createTextNode(text.slice(pos)));
  return frag;
}

function locateEvidence(text, ev) {
  if (Number.isInteger(ev.start) && text.slice(ev.start, ev.end) === ev.text) return ev;
  const at = ev.text ? text.indexOf(ev.text) : -1;
  return at >= 0 ? { ...ev, start: at, end: at + ev.text.length } : null;
}

function openPanel(...children) {
  const body = $("panel-body");
  clear(body);
  append(body, children);
  $("panel").hidden = false;
}

function focusPanel() {
  const h = $("panel-title");
  if (h) { h.focus({ preventScroll: true }); }
  $("panel").scrollIntoView({ block: "start" });
}

function hidePanel() {
  $("panel").hidden = true;
  clear($("panel-body"));
}

function closePanel() {
  const back = state.lastFocus;
  const id = state.event;
  state.event = null; state.article = null; state.actorOpen = null;
  go(true);
  drawMarksSelected();
  let target = back && document.contains(back) ? back : null;
  if (!target && id) target = document.querySelector(`#timeline [data-event="${CSS.escape(id)}"]`);
  if (target) target.focus({ preventScroll: false });
}

function drawMarksSelected() {
  for (const g of document.querySelectorAll("#timeline g.mark")) g.classList.toggle("selected", g.dataset.event === state.event);
}

function openEvent(eventId, from) {
  state.lastFocus = from || document.activeElement;
  state.event = eventId; state.article = null; state.actorOpen = null;
  go(true);
  drawMarksSelected();
}

function openArticle(id) {
  state.lastFocus = document.activeElement;
  state.article = id; state.event = null; state.actorOpen = null;
  go(true);
}

async function showEvent(eventId) {
  let ev, arts;
  try {
    [ev, arts] = await Promise.all([api(`/api/events/${encodeURIComponent(eventId)}`, null, "panel"),
      api("/api/articles", { event_id: eventId, limit: 200 })]);
  } catch (err) {
    if (err instanceof Stale) return;
    openPanel(el("h3", { id: "panel-title", tabindex: -1, text: "Event not found" }), el("p", { class: "error", text: String(err.message) }));
    focusPanel();
    return;
  }
  const meta = new Map(arts.items.map((a) => [a.id, a]));
  const facts = el("dl", { class: "facts" },
    el("dt", { text: "status" }), el("dd", {}, statusBadge(ev.status, ev.overdue),
      ev.status_since ? el("span", { class: "muted", text: ` since ${humanDate(ev.status_since)}` }) : null),
    el("dt", { text: "date" }), el("dd", { text: humanDate(ev.date), title: ev.date || "" }),
    el("dt", { text: "place" }), el("dd", { text: ev.location ? [ev.location.name, ev.location.country].filter(Boolean).join(", ") : "—" }),
    el("dt", { text: "reported" }), el("dd", { text: `${humanDate(ev.first_reported)} – ${humanDate(ev.last_reported)}, ` +
      `${ev.reports} report(s) in ${ev.articles} article(s)` }),
    el("dt", { text: "codes" }), el("dd", {}, el("code", { text: codeTitle(ev) })),
    el("dt", { text: "event id" }), el("dd", {}, el("code", { text: ev.event_id })));
  const conflicts = ev.conflicts.length ? el("div", { class: "conflicts" }, el("h4", { text: "Reports disagree" }),
    el("ul", {}, ev.conflicts.map((c) => el("li", { text: `${c.field}: ` + c.values.map((v) =>
      `${c.field === "date" ? humanDate(v.value) : v.value} (${(v.sources || []).join(", ") || `${v.articles.length} article(s)`})`).join(" vs ") })))) : null;
  const history = el("ol", { class: "lifecycle" }, ev.status_history.map((h) =>
    el("li", {},
      el("span", { class: "when", text: humanDate(h.as_of) }), " ", statusBadge(h.status), " ",
      h.date ? el("span", { class: "muted", text: `for ${humanDate(h.date)} ` }) : null,
      el("span", { class: "outlet", text: h.outlet || "unknown outlet" }),
      h.reported_by ? el("span", { class: "muted", text: ` citing ${h.reported_by}` }) : null,
      el("div", { class: "headline", text: h.headline || "" }),
      h.evidence && h.evidence.text ? el("blockquote", { text: h.evidence.text }) : null)));
  const evidence = el("div", { class: "evidence" }, el("h4", { text: "Evidence and sources" }));
  for (const a of ev.supporting_articles) {
    const m = meta.get(a.id) || {};
    const spans = ev.evidence.filter((e) => e.article_id === a.id);
    const textBox = el("div", { class: "article-text", hidden: "hidden", tabindex: 0 });
    const show = button("Show the article text", async (e) => {
      const b = e.currentTarget;
      if (!textBox.hidden) { textBox.hidden = true; b.textContent = "Show the article text"; return; }
      try {
        const rec = await api(`/api/articles/${encodeURIComponent(a.id)}`);
        const located = spans.map((s) => locateEvidence(rec.text, s)).filter(Boolean)
          .map((s) => ({ ...s, label: `${s.status || ""}` }));
        clear(textBox);
        textBox.appendChild(markedText(rec.text, located));
        textBox.hidden = false;
        b.textContent = "Hide the article text";
        const mark = textBox.querySelector("mark");
        if (mark) textBox.scrollTop = Math.max(0, mark.offsetTop - textBox.offsetTop - 24);
      } catch (err) {
        showError(textBox, err);
        textBox.hidden = false;
      }
    }, { class: "linkish show-text", "aria-expanded": "false" });
    evidence.appendChild(el("article", { class: "evidence-article", "data-article": a.id },
      el("h5", {}, el("span", { class: "headline", text: a.headline || m.headline || a.path })),
      el("div", { class: "muted meta" }, `${a.source || m.source || "unknown outlet"} · ${humanDate(a.published)}`,
        a.kind && a.kind !== "original" ? ` · ${a.kind}` : "", " ", safeLink(m.url, "source ↗")),
      spans.map((s) => el("blockquote", { class: "evidence-sentence", text: s.text || "" })),
      show, textBox));
  }
  if (state.event !== eventId) return;
  openPanel(el("h3", { id: "panel-title", tabindex: -1, text: eventTitle(ev), title: codeTitle(ev) }),
    facts, conflicts, el("h4", { text: "Lifecycle" }), history, evidence);
  focusPanel();
}

async function showArticle(id) {
  try {
    const rec = await api(`/api/articles/${encodeURIComponent(id)}`, null, "panel");
    if (state.article !== id) return;
    const spans = rec.events.map((e) => ({ ...e.evidence, status: e.status, label: `${typeLabel(e.type, e.mode)}, ${e.status}` }))
      .map((s) => locateEvidence(rec.text, s)).filter(Boolean);
    const evs = el("ul", { class: "article-events" }, rec.events.map((e) => el("li", {},
      button(eventTitle(e), (x) => openEvent(e.event_id || `${rec.id}.${e.id}`, x.currentTarget)), " ", statusBadge(e.status), " ",
      el("span", { class: "muted", text: e.date ? humanDate(e.date) : "" }))));
    const quotes = el("ul", { class: "quotes" }, rec.quotes.map((qt) =>
      el("li", {}, el("q", { text: qt.text }), " — ", el("span", { class: "speaker", text: qt.speaker || "unattributed" }))));
    openPanel(el("h3", { id: "panel-title", tabindex: -1, text: rec.headline || rec.path }),
      el("p", { class: "muted" }, `${rec.source || ""} · ${humanDate(rec.published && rec.published.date)} `, safeLink(rec.url, "source ↗")),
      rec.events.length ? el("h4", { text: "Events" }) : null, rec.events.length ? evs : null,
      rec.quotes.length ? el("h4", { text: "Quotes" }) : null, rec.quotes.length ? quotes : null,
      el("h4", { text: "Text" }), el("div", { class: "article-text" }, markedText(rec.text, spans)));
    focusPanel();
  } catch (err) {
    if (err instanceof Stale) return;
    openPanel(el("h3", { id: "panel-title", tabindex: -1, text: "Article not found" }), el("p", { class: "error", text: String(err.message) }));
  }
}

// ---------------------------------------------------------------- search
let searchOffset = 0;

async function runSearch(q, more) {
  const list = $("results-list");
  searchOffset = more ? searchOffset + 20 : 0;
  $("results").hidden = false;
  $("results").dataset.q = q;
  if (!more) clear(list);
  try {
    const res = await api("/api/search", { q, limit: 20, offset: searchOffset }, "search");
    $("results-title").textContent = `Search results for “${q}” (${res.total})`;
    for (const hit of res.items) {
      const spans = hit.snippet.highlights.map(([start, end]) => ({ start, end }));
      list.appendChild(el("li", {}, button(hit.headline || hit.path, () => openArticle(hit.id)), " ",
        el("span", { class: "muted", text: `${hit.source || ""} · ${humanDate(hit.published)}` }),
        el("p", { class: "snippet" }, "…", markedText(hit.snippet.text, spans), "…")));
    }
    if (!res.total) list.appendChild(el("li", { class: "muted", text: "Nothing found." }));
    $("results-more").hidden = searchOffset + 20 >= res.total;
    if (!more) { $("results").scrollIntoView({ block: "start" }); $("results").focus({ preventScroll: true }); }
  } catch (err) {
    showError(list, err);
  }
}

// ---------------------------------------------------------------- wiring
function init() {
  readURL();
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); applyFilters(); });
  $("filters").addEventListener("reset", () => setTimeout(applyFilters, 0));
  $("f-rows").addEventListener("change", () => { state.rows = $("f-rows").value; go(true); });
  $("f-pair").addEventListener("change", applyFilters);
  $("f-type").addEventListener("change", applyFilters);
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    state.q = $("search").value.trim();
    go(true);
  });
  $("results-more").addEventListener("click", () => runSearch(state.q, true));
  $("results-close").addEventListener("click", () => { state.q = ""; go(true); $("search").focus(); });
  $("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    if (!$("panel").hidden) { e.preventDefault(); closePanel(); }
    else if (!$("results").hidden && state.q) { state.q = ""; go(true); $("search").focus(); }
  });
  for (const v of VIEWS) $(`tab-${v}`).addEventListener("click", () => { state.view = v; go(true); });
  document.querySelector(".tabs").addEventListener("keydown", (e) => {      // arrow keys move between tabs
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -VIEWS.length, End: VIEWS.length }[e.key];
    if (!step) return;
    e.preventDefault();
    const i = Math.max(0, Math.min(VIEWS.length - 1, VIEWS.indexOf(state.view) + step));
    state.view = VIEWS[i];
    go(true);
    $(`tab-${state.view}`).focus();
  });
  $("list-table").querySelector("thead").addEventListener("click", (e) => {
    const th = e.target.closest("th[data-sort]");
    if (!th) return;
    const k = th.dataset.sort;
    state.listSort = state.listSort === k ? `-${k}` : k;
    state.listPage = 0;
    go(true);
  });
  $("list-prev").addEventListener("click", () => { state.listPage = Math.max(0, state.listPage - 1); go(true); });
  $("list-next").addEventListener("click", () => { state.listPage += 1; go(true); });
  $("changes-more").addEventListener("click", () => loadChanges(true));
  $("quotes-form").addEventListener("submit", (e) => { e.preventDefault(); loadQuotes(false); });
  $("quotes-more").addEventListener("click", () => loadQuotes(true));
  wireTimeline();
  window.addEventListener("popstate", () => { readURL(); render(); });
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => { if (state.view === "timeline") { drawTimeline(); drawChart(); } }, 100);
  });
  loadStats().then(() => render()).catch((err) => showError($("stats"), err));
}

document.addEventListener("DOMContentLoaded", init);

// Storyline page: a timeline of events, an event panel with lifecycle and evidence,
// a monthly chart and search. It only calls the JSON API. Article data is untrusted:
// every piece of it reaches the DOM through textContent / createTextNode, never as HTML.
"use strict";

const STATUSES = ["happened", "planned", "possible", "postponed", "cancelled"];
const SVG_NS = "http://www.w3.org/2000/svg";
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

// ---------------------------------------------------------------- API
async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  }
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status}`;
    throw new Error(msg);
  }
  return body;
}

async function allEvents(params) {
  const items = [];
  for (let offset = 0; offset < 5000; offset += 500) {
    const page = await api("/api/events", { ...params, limit: 500, offset });
    items.push(...page.items);
    if (items.length >= page.total) break;
  }
  return items;
}

// ---------------------------------------------------------------- state and filters
const state = { events: [], stats: null, selected: null };

function filterParams() {
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

function statusBadge(status, overdue) {
  return el("span", { class: `badge s-${STATUSES.includes(status) ? status : "unknown"}` },
    status || "?", overdue ? el("span", { class: "overdue-tag", text: " overdue" }) : null);
}

function eventTitle(ev) {
  const side = (a) => (a && (a.name || a.country)) || "?";
  const mode = ev.mode ? `/${ev.mode}` : "";
  return `${ev.type || "?"}${mode}: ${side(ev.source)} → ${side(ev.target)}`;
}

function showError(where, err) {
  clear(where);
  where.appendChild(el("p", { class: "error", text: String(err.message || err) }));
}

async function loadStats() {
  const s = await api("/api/stats");
  state.stats = s;
  $("stats").textContent = `${s.articles} articles · ${s.events} events (${s.linked_events} linked) · ` +
    `${s.quotes} quotes · ${s.published.first || "?"} – ${s.published.last || "?"} · search: ${s.search}`;
  for (const p of s.country_pairs) {
    const v = p.countries.join(",");
    $("f-pair").appendChild(el("option", { value: v, text: `${p.countries.join(" – ")} (${p.events})` }));
  }
  for (const t of s.types) $("f-type").appendChild(el("option", { value: t, text: t }));
  for (const st of STATUSES) {
    $("f-status").appendChild(el("label", { class: `chk s-${st}` },
      el("input", { type: "checkbox", value: st, checked: "checked" }), ` ${st}`));
    $("legend").appendChild(el("span", { class: "legend-item" }, statusBadge(st)));
  }
  $("legend").appendChild(el("span", { class: "legend-item" }, el("span", { class: "badge overdue", text: "! overdue" })));
  $("legend").appendChild(el("span", { class: "legend-item muted", text: "hollow = undated (placed when reported)" }));
  const actors = await api("/api/actors", { type: "PERSON,ORG,GPE", limit: 200 });
  for (const a of actors.items) $("actor-list").appendChild(el("option", { value: a.name }));
}

// ---------------------------------------------------------------- timeline
const DAY = 86400000;
const parseDay = (s) => (s ? Date.parse(`${s.slice(0, 10)}T00:00:00Z`) : NaN);

function eventSpan(ev) {
  if (ev.date_range) return { start: parseDay(ev.date_range.start), end: parseDay(ev.date_range.end), dated: true };
  if (ev.first_reported) return { start: parseDay(ev.first_reported), end: parseDay(ev.first_reported), dated: false };
  return null;
}

function rowKeys(ev, by) {
  if (by === "actor") return ev.actors.length ? ev.actors : [ev.countries.join(" – ") || "unknown"];
  return [ev.countries.length ? ev.countries.join(" – ") : "unknown"];
}

function ticks(min, max) {
  const out = [];
  const spanYears = (max - min) / (365 * DAY);
  const d = new Date(min);
  const step = spanYears > 3 ? 12 : spanYears > 1 ? 3 : 1;
  let y = d.getUTCFullYear(), m = d.getUTCMonth();
  m = Math.floor(m / step) * step;
  for (let i = 0; i < 400; i++) {
    const t = Date.UTC(y, m, 1);
    if (t > max) break;
    if (t >= min) out.push({ t, label: step === 12 ? String(y) : `${y}-${String(m + 1).padStart(2, "0")}` });
    m += step;
    if (m >= 12) { y += Math.floor(m / 12); m %= 12; }
  }
  return out;
}

function drawTimeline() {
  const box = $("timeline");
  clear(box);
  const by = $("f-rows").value;
  const placed = state.events.map((ev) => ({ ev, span: eventSpan(ev) })).filter((p) => p.span);
  $("timeline-count").textContent = `(${state.events.length} events)`;
  const undatedCount = state.events.length - placed.length;
  $("timeline-note").textContent = undatedCount ? `${undatedCount} events with no date at all are not drawn.` : "";
  if (!placed.length) {
    box.setAttribute("width", 600); box.setAttribute("height", 40);
    box.appendChild(svg("text", { x: 10, y: 24, class: "empty", text: "No events match these filters." }));
    return;
  }
  const rows = new Map();
  for (const p of placed) for (const k of rowKeys(p.ev, by)) {
    if (!rows.has(k)) rows.set(k, []);
    rows.get(k).push(p);
  }
  const names = [...rows.keys()].sort((a, b) => rows.get(b).length - rows.get(a).length || a.localeCompare(b));
  let min = Math.min(...placed.map((p) => p.span.start)), max = Math.max(...placed.map((p) => p.span.end));
  const pad = Math.max((max - min) * 0.03, 15 * DAY);
  min -= pad; max += pad;
  const left = 170, right = 20, top = 28, laneH = 22, pad2 = 5;
  const width = Math.max(720, Math.min(1600, box.parentElement.clientWidth || 900));
  const x = (t) => left + ((t - min) / (max - min)) * (width - left - right);
  // pack each row's events into lanes so that markers and their labels never overlap
  const layout = names.map((name) => {
    const lanes = [];
    const items = rows.get(name).slice().sort((a, b) => a.span.start - b.span.start).map((p) => {
      const label = shortLabel(p.ev);
      const labelW = label.length * 6.2 + (p.ev.overdue ? 10 : 0) + 12;
      const m0 = x(p.span.start) - 8, m1 = Math.max(x(p.span.end), x(p.span.start)) + 8;
      // near the right edge the label goes before the marker
      const before = m1 + labelW > width - 4;
      const x0 = before ? m0 - labelW : m0, x1 = before ? m1 : m1 + labelW;
      let lane = lanes.findIndex((end) => end < x0);
      if (lane < 0) { lane = lanes.length; lanes.push(0); }
      lanes[lane] = x1;
      return { ...p, lane, label, before };
    });
    return { name, items, lanes: Math.max(1, lanes.length) };
  });
  const height = top + layout.reduce((n, r) => n + r.lanes * laneH + 2 * pad2, 0) + 10;
  box.setAttribute("width", width); box.setAttribute("height", height);
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  for (const tk of ticks(min, max)) {
    box.appendChild(svg("line", { x1: x(tk.t), x2: x(tk.t), y1: top - 6, y2: height - 6, class: "grid" }));
    box.appendChild(svg("text", { x: x(tk.t) + 3, y: top - 10, class: "tick", text: tk.label }));
  }
  let y0 = top;
  layout.forEach((row, i) => {
    const rowH = row.lanes * laneH + 2 * pad2;
    if (i % 2 === 0) box.appendChild(svg("rect", { x: 0, y: y0, width, height: rowH, class: "band" }));
    const name = row.name;
    box.appendChild(svg("g", { class: "row" }, svg("title", { text: name }),
      svg("text", { x: 6, y: y0 + pad2 + laneH / 2 + 4, class: "row-label",
                    text: name.length > 24 ? `${name.slice(0, 23)}…` : name })));
    for (const it of row.items) {
      box.appendChild(marker(it.ev, it.span, x, y0 + pad2 + it.lane * laneH + laneH / 2, it.label, it.before));
    }
    y0 += rowH;
  });
}

function shortLabel(ev) {
  const side = (a) => (a && (a.name ? a.name.split(" ").slice(-1)[0] : a.country)) || "?";
  const text = `${ev.type ? ev.type.toLowerCase() : "?"}${ev.mode ? ` (${ev.mode})` : ""} ${side(ev.source)}–${side(ev.target)}`;
  return text.length > 34 ? `${text.slice(0, 33)}…` : text;
}

function marker(ev, span, x, y, label, before) {
  const status = STATUSES.includes(ev.status) ? ev.status : "unknown";
  const cls = `mark s-${status}${span.dated ? "" : " undated"}${ev.overdue ? " is-overdue" : ""}` +
    (state.selected === ev.event_id ? " selected" : "");
  const g = svg("g", { class: cls, tabindex: 0, role: "button", "data-event": ev.event_id,
                       "aria-label": `${eventTitle(ev)}, ${status}${ev.overdue ? ", overdue" : ""}` });
  const x0 = x(span.start), x1 = x(span.end);
  if (x1 - x0 > 8) g.appendChild(svg("rect", { x: x0, y: y - 7, width: x1 - x0, height: 14, rx: 4 }));
  else g.appendChild(svg("circle", { cx: (x0 + x1) / 2, cy: y, r: 7 }));
  const after = Math.max(x1, x0) + 9;
  if (ev.overdue) g.appendChild(svg("text", { x: after, y: y + 4, class: "overdue-mark", text: "!" }));
  if (label) {
    g.appendChild(svg("text", { x: before ? Math.min(x0, x1) - 10 : after + (ev.overdue ? 8 : 0), y: y + 4,
                                class: before ? "ev-label before" : "ev-label", text: label }));
  }
  g.appendChild(svg("title", { text: `${eventTitle(ev)}\n${status}${ev.overdue ? " (overdue)" : ""} · ` +
    `${ev.date || "undated"}${ev.location && ev.location.name ? ` · ${ev.location.name}` : ""}` +
    `\n${ev.reports} report(s)` }));
  const open = () => openEvent(ev.event_id);
  g.addEventListener("click", open);
  g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
  return g;
}

async function refresh() {
  const params = filterParams();
  try {
    state.events = await allEvents(params);
    drawTimeline();
  } catch (err) {
    showError($("timeline-note"), err);
  }
  drawChart(params).catch((err) => showError($("chart-pair"), err));
}

// ---------------------------------------------------------------- monthly chart
async function drawChart(params) {
  const box = $("chart");
  clear(box);
  let pair = params.countries;
  if (!pair && state.stats && state.stats.country_pairs.length) pair = state.stats.country_pairs[0].countries.join(",");
  $("chart-pair").textContent = pair ? `(${pair.replace(",", " – ")}${params.type ? `, ${params.type}` : ""})` : "(all)";
  const data = await api("/api/counts", { countries: pair, type: params.type, status: params.status });
  const months = data.months;
  const avail = Math.max(480, box.parentElement.clientWidth - 4 || 900);
  const width = Math.min(avail, 40 + months.length * 28), height = 180, left = 34, bottom = 38;
  box.setAttribute("width", width); box.setAttribute("height", height);
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!months.length) {
    box.appendChild(svg("text", { x: 10, y: 24, class: "empty", text: "No dated events for this selection." }));
    return;
  }
  const top = Math.max(1, ...months.map((m) => m.total));
  const bw = (width - left - 10) / months.length;
  const yScale = (n) => (n / top) * (height - bottom - 12);
  box.appendChild(svg("text", { x: 4, y: 14, class: "tick", text: String(top) }));
  box.appendChild(svg("line", { x1: left, x2: width - 6, y1: height - bottom, y2: height - bottom, class: "axis" }));
  months.forEach((m, i) => {
    let base = height - bottom;
    for (const st of STATUSES) {
      const n = m.by_status[st] || 0;
      if (!n) continue;
      const h = yScale(n);
      box.appendChild(svg("rect", { x: left + i * bw + 1, y: base - h, width: Math.max(1, bw - 2), height: h,
                                    class: `bar s-${st}` }, svg("title", { text: `${m.month}: ${n} ${st}` })));
      base -= h;
    }
    const every = Math.ceil(months.length / Math.max(1, Math.floor((width - left) / 56)));
    if (i % every === 0) {
      box.appendChild(svg("text", { x: left + i * bw + bw / 2, y: height - bottom + 14, class: "tick month",
                                    text: m.month }));
    }
  });
}

// ---------------------------------------------------------------- event panel
function markedText(text, spans) {
  // spans: [{start, end, label}] — drawn as <mark> around text nodes; overlaps are merged.
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
  // trust the offsets when they point at the evidence sentence; else find the sentence itself
  if (Number.isInteger(ev.start) && text.slice(ev.start, ev.end) === ev.text) return ev;
  const at = ev.text ? text.indexOf(ev.text) : -1;
  return at >= 0 ? { ...ev, start: at, end: at + ev.text.length } : null;
}

function openPanel(...children) {
  const body = $("panel-body");
  clear(body);
  append(body, children);
  $("panel").hidden = false;
  $("panel").scrollIntoView({ block: "nearest" });
}

async function openEvent(eventId) {
  state.selected = eventId;
  drawTimeline();
  let ev;
  try {
    ev = await api(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (err) {
    openPanel(el("p", { class: "error", text: String(err.message) }));
    return;
  }
  const facts = el("dl", { class: "facts" },
    el("dt", { text: "status" }), el("dd", {}, statusBadge(ev.status, ev.overdue)),
    el("dt", { text: "date" }), el("dd", { text: ev.date || "undated" }),
    el("dt", { text: "place" }), el("dd", { text: ev.location ? [ev.location.name, ev.location.country].filter(Boolean).join(", ") : "—" }),
    el("dt", { text: "reported" }), el("dd", { text: `${ev.first_reported || "?"} – ${ev.last_reported || "?"}, ${ev.reports} report(s) in ${ev.articles} article(s)` }),
    el("dt", { text: "event id" }), el("dd", {}, el("code", { text: ev.event_id })));
  const history = el("ol", { class: "lifecycle" }, ev.status_history.map((h) =>
    el("li", { class: h.changed ? "changed" : "" },
      el("span", { class: "when", text: h.as_of || "????" }), " ", statusBadge(h.status), " ",
      h.date ? el("span", { class: "muted", text: `for ${h.date} ` }) : null,
      el("span", { class: "outlet", text: h.outlet || "unknown outlet" }),
      h.reported_by ? el("span", { class: "muted", text: ` citing ${h.reported_by}` }) : null,
      el("div", { class: "headline", text: h.headline || "" }),
      h.evidence && h.evidence.text ? el("blockquote", { text: h.evidence.text }) : null)));
  const conflicts = ev.conflicts.length ? el("div", { class: "conflicts" }, el("h4", { text: "Reports disagree" }),
    el("ul", {}, ev.conflicts.map((c) => el("li", { text: `${c.field}${c.as_of ? ` (${c.as_of})` : ""}: ` +
      c.values.map((v) => `${v.value} [${v.articles.length} article(s)]`).join(" vs ") })))) : null;
  const evidenceBox = el("div", { class: "evidence" }, el("h4", { text: "Evidence in the articles" }));
  openPanel(el("h3", { text: eventTitle(ev) }), facts, conflicts,
    el("h4", { text: "Lifecycle" }), history, evidenceBox);
  for (const a of ev.supporting_articles) {
    const spans = ev.evidence.filter((e) => e.article_id === a.id);
    const section = el("article", { class: "evidence-article" },
      el("h5", {}, el("span", { text: a.headline || a.path }), " ",
        el("span", { class: "muted", text: `${a.source || ""} ${a.published || ""}` })));
    evidenceBox.appendChild(section);
    try {
      const rec = await api(`/api/articles/${encodeURIComponent(a.id)}`);
      const located = spans.map((s) => locateEvidence(rec.text, s)).filter(Boolean)
        .map((s) => ({ ...s, label: `${s.status} (${s.event})` }));
      section.appendChild(el("div", { class: "article-text" }, markedText(rec.text, located)));
    } catch (err) {
      section.appendChild(el("p", { class: "error", text: String(err.message) }));
    }
  }
}

// ---------------------------------------------------------------- search
async function runSearch(q) {
  const list = $("results-list");
  clear(list);
  $("results").hidden = false;
  try {
    const res = await api("/api/search", { q, limit: 20 });
    $("results-title").textContent = `Search results for “${q}” (${res.total})`;
    for (const hit of res.items) {
      const spans = hit.snippet.highlights.map(([start, end]) => ({ start, end }));
      const open = el("button", { type: "button", class: "linkish", text: hit.headline || hit.path });
      open.addEventListener("click", () => openArticle(hit.id));
      list.appendChild(el("li", {}, open, " ", el("span", { class: "muted", text: `${hit.source || ""} ${hit.published || ""}` }),
        el("p", { class: "snippet" }, "…", markedText(hit.snippet.text, spans), "…")));
    }
    if (!res.items.length) list.appendChild(el("li", { class: "muted", text: "Nothing found." }));
  } catch (err) {
    showError(list, err);
  }
}

async function openArticle(id) {
  try {
    const rec = await api(`/api/articles/${encodeURIComponent(id)}`);
    const spans = rec.events.map((e) => ({ ...e.evidence, status: e.status, label: `${e.type} ${e.status}` }))
      .map((s) => locateEvidence(rec.text, s)).filter(Boolean);
    const evs = el("ul", { class: "article-events" }, rec.events.map((e) => {
      const b = el("button", { type: "button", class: "linkish", text: eventTitle(e) });
      b.addEventListener("click", () => openEvent(e.event_id || `${rec.id}.${e.id}`));
      return el("li", {}, b, " ", statusBadge(e.status), " ", el("span", { class: "muted", text: e.date || "" }));
    }));
    const quotes = el("ul", { class: "quotes" }, rec.quotes.map((qt) =>
      el("li", {}, el("q", { text: qt.text }), " — ", el("span", { class: "speaker", text: qt.speaker || "unattributed" }))));
    openPanel(el("h3", { text: rec.headline || rec.path }),
      el("p", { class: "muted", text: `${rec.source || ""} · ${(rec.published && rec.published.date) || "undated"}` }),
      rec.events.length ? el("h4", { text: "Events" }) : null, rec.events.length ? evs : null,
      rec.quotes.length ? el("h4", { text: "Quotes" }) : null, rec.quotes.length ? quotes : null,
      el("h4", { text: "Text" }), el("div", { class: "article-text" }, markedText(rec.text, spans)));
  } catch (err) {
    openPanel(el("p", { class: "error", text: String(err.message) }));
  }
}

// ---------------------------------------------------------------- wiring
function init() {
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  $("filters").addEventListener("reset", () => setTimeout(refresh, 0));
  $("f-rows").addEventListener("change", drawTimeline);
  $("f-pair").addEventListener("change", refresh);
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = $("search").value.trim();
    if (q) runSearch(q);
  });
  $("panel-close").addEventListener("click", () => {
    $("panel").hidden = true;
    state.selected = null;
    drawTimeline();
  });
  window.addEventListener("resize", () => drawTimeline());
  loadStats().then(refresh).catch((err) => showError($("stats"), err));
}

document.addEventListener("DOMContentLoaded", init);

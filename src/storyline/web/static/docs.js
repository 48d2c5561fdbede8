// The API reference, rendered from /openapi.json with DOM calls only (no CDN, no inline script).
"use strict";

function node(tag, text, cls) {
  const n = document.createElement(tag);
  if (text !== undefined && text !== null) n.textContent = String(text);
  if (cls) n.className = cls;
  return n;
}

function typeOf(schema) {
  if (!schema) return "";
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== "null").join(" | ");
  if (schema.enum) return schema.enum.join(" | ");
  const bounds = [];
  if (schema.minimum !== undefined) bounds.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) bounds.push(`≤ ${schema.maximum}`);
  if (schema.maxLength !== undefined) bounds.push(`≤ ${schema.maxLength} chars`);
  return [schema.type || "", ...bounds].join(" ");
}

function endpoint(path, method, op) {
  const box = node("section", null, "card endpoint");
  const h = node("h3");
  h.appendChild(node("span", method.toUpperCase(), "method"));
  h.appendChild(document.createTextNode(path));
  box.appendChild(h);
  box.appendChild(node("p", op.summary || ""));
  const params = op.parameters || [];
  const form = node("form", null, "try");
  if (params.length) {
    const table = node("table", null, "params");
    const head = table.createTHead().insertRow();
    for (const t of ["name", "in", "type", "default", "description"]) head.appendChild(node("th", t));
    const body = table.createTBody();
    for (const p of params) {
      const row = body.insertRow();
      row.appendChild(node("td", p.name + (p.required ? " *" : "")));
      row.appendChild(node("td", p.in));
      row.appendChild(node("td", typeOf(p.schema)));
      row.appendChild(node("td", p.schema && p.schema.default !== undefined ? JSON.stringify(p.schema.default) : ""));
      row.appendChild(node("td", p.description || ""));
      const label = node("label", p.name);
      const input = node("input");
      input.name = p.name;
      input.dataset.in = p.in;
      label.appendChild(input);
      form.appendChild(label);
    }
    box.appendChild(table);
  }
  const go = node("button", "Try it");
  go.type = "submit";
  form.appendChild(go);
  const out = node("pre", null, "try-out");
  out.hidden = true;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    let p = path;
    const url = new URL(window.location.origin);
    for (const input of form.querySelectorAll("input")) {
      if (!input.value) continue;
      if (input.dataset.in === "path") p = p.replace(`{${input.name}}`, encodeURIComponent(input.value));
      else url.searchParams.set(input.name, input.value);
    }
    url.pathname = p;
    const res = await fetch(url);
    const text = await res.text();
    let shown = text;
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (err) { /* not JSON */ }
    out.textContent = `${res.status} ${url.pathname}${url.search}\n\n${shown.slice(0, 20000)}`;
    out.hidden = false;
  });
  box.appendChild(form);
  box.appendChild(out);
  return box;
}

async function init() {
  const spec = await (await fetch("/openapi.json")).json();
  const root = document.getElementById("endpoints");
  document.title = `${spec.info.title} API ${spec.info.version}`;
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) root.appendChild(endpoint(path, method, op));
  }
}

document.addEventListener("DOMContentLoaded", init);

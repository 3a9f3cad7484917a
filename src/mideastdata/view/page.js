/* SPDX-License-Identifier: MIT
 * mideastdata evidence viewer. Reads the page's JSON block and builds the view with
 * textContent only: no text of the dataset is ever parsed as HTML, nothing is fetched.
 * One source is drawn at a time; the record list draws only the rows in sight. */
(() => {
  "use strict";
  const D = JSON.parse(document.getElementById("md-data").textContent);
  const R = D.records;
  const S = D.sources;
  // record fields: table, id, anchor, head, text, fields, actors, topics, spans, quotes elsewhere, links
  const T = 0, ID = 1, ANCHOR = 2, HEAD = 3, TEXT = 4, FIELDS = 5, ACTORS = 6, TOPICS = 7, SPANS = 8, LOOSE = 9,
    LINKS = 10;
  const ROW = 48; // px per row of the record list (the CSS .row height)
  const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g; // as Python's str.splitlines
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  };
  const byAnchor = new Map(R.map((r, i) => [r[ANCHOR], i]));
  let shown = R.map((_, i) => i);
  let selected = -1;
  let current = -1;
  let spans = []; // spans of the source on screen: [start, end, record]
  let segs = []; // highlighted segments on screen: [start, end, [span numbers]]
  let spanIndex = null;
  let hay = null;

  const single = (t) => D.tables[t].replace(/s$/, "");
  const quoteOf = (si, a, b) => S[si][7].slice(a, b);

  function spansOf(si) {
    if (spanIndex === null) {
      spanIndex = S.map(() => []);
      R.forEach((r, i) => {
        const s = r[SPANS];
        for (let k = 0; k < s.length; k += 3) spanIndex[s[k]].push([s[k + 1], s[k + 2], i]);
      });
    }
    return spanIndex[si];
  }

  // ------------------------------------------------------------------ the source
  function drawSourceMeta(src) {
    const meta = $("src-meta");
    meta.replaceChildren(el("strong", "", src[1]));
    for (const [k, v] of src[4]) meta.append(el("span", "meta", k + ": " + v));
    if (src[5]) {
      const a = el("a", "meta", src[5]);
      a.href = src[5];
      a.rel = "noopener noreferrer";
      meta.append(a);
    } else if (src[6]) {
      meta.append(el("span", "meta", "url (not a web address, not linked): " + src[6]));
    }
  }

  function showSource(si) {
    if (si === current || si < 0 || si >= S.length) return;
    current = si;
    const src = S[si];
    const text = src[7];
    $("src-pick").value = String(si);
    drawSourceMeta(src);
    spans = spansOf(si);
    const cuts = new Set([0, text.length]);
    const starts = new Set([0]);
    for (const [a, b] of spans) cuts.add(a).add(b);
    for (const m of text.matchAll(LINE_BREAK)) {
      cuts.add(m.index + m[0].length);
      starts.add(m.index + m[0].length);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const opens = new Map();
    const closes = new Map();
    spans.forEach(([a, b], k) => {
      if (!opens.has(a)) opens.set(a, []);
      if (!closes.has(b)) closes.set(b, []);
      opens.get(a).push(k);
      closes.get(b).push(k);
    });
    const box = $("src-text");
    box.replaceChildren();
    box.dir = src[3] === "rtl" ? "rtl" : "ltr";
    box.lang = src[2];
    segs = [];
    const active = new Set();
    let tx = null;
    let n = 0;
    for (let p = 0; p < points.length - 1; p++) {
      const a = points[p];
      const b = points[p + 1];
      for (const k of closes.get(a) || []) active.delete(k);
      for (const k of opens.get(a) || []) active.add(k);
      if (starts.has(a)) {
        const line = el("div", "line");
        line.id = "L" + ++n;
        tx = el("span", "tx");
        if (src[3] !== "rtl") tx.dir = "auto";
        line.append(el("span", "ln", "L" + n), tx);
        box.append(line);
      }
      const piece = text.slice(a, b);
      if (active.size === 0) {
        tx.append(piece);
        continue;
      }
      const m = el("mark", "ev d" + Math.min(active.size, 3), piece);
      m.dataset.k = String(segs.length);
      m.dataset.o = String(a);
      m.dataset.e = String(b);
      const cited = new Set([...active].map((k) => spans[k][2]));
      m.title = "cited by " + cited.size + (cited.size === 1 ? " record" : " records");
      segs.push([a, b, [...active]]);
      tx.append(m);
    }
    paint();
  }

  function paint() {
    for (const m of $("src-text").querySelectorAll("mark.ev")) {
      const hit = selected >= 0 && segs[+m.dataset.k][2].some((k) => spans[k][2] === selected);
      m.classList.toggle("sel", hit);
    }
  }

  // ------------------------------------------------------------------ one record
  function recordButton(i) {
    const r = R[i];
    const b = el("button", "rec t" + r[T]);
    b.type = "button";
    b.dataset.i = String(i);
    b.dataset.id = r[ID];
    b.append(el("span", "tag", single(r[T])), el("span", "head", r[HEAD]), el("span", "txt", r[TEXT]));
    b.lastChild.dir = "auto";
    return b;
  }

  function drawDetail(i) {
    const r = R[i];
    const box = $("detail");
    box.replaceChildren();
    const h = el("h2", "", r[HEAD]);
    const link = el("a", "anchor", "#" + r[ANCHOR]);
    link.href = "#" + encodeURIComponent(r[ANCHOR]);
    box.append(el("p", "kind", single(r[T]) + " " + r[ID]), h, el("p", "main", r[TEXT]), link);
    box.querySelector(".main").dir = "auto";
    const dl = el("dl");
    for (const [k, v] of r[FIELDS]) {
      const dd = el("dd", "", v);
      dd.dir = "auto";
      dl.append(el("dt", "", k), dd);
    }
    box.append(dl);
    for (const [label, id, anchor] of r[LINKS]) {
      if (anchor !== null && byAnchor.has(anchor)) {
        const b = recordButton(byAnchor.get(anchor));
        b.prepend(el("span", "tag", label));
        box.append(b);
      }
    }
    const ev = el("ol", "evidence");
    const s = r[SPANS];
    for (let k = 0; k < s.length; k += 3) {
      const [si, a, b] = [s[k], s[k + 1], s[k + 2]];
      const li = el("li");
      const go = el("button", "quote", quoteOf(si, a, b));
      go.type = "button";
      go.dir = "auto";
      go.addEventListener("click", () => {
        showSource(si);
        const m = $("src-text").querySelector(`mark[data-o="${a}"]`);
        if (m) m.scrollIntoView({ block: "center" });
      });
      li.append(go, el("span", "where", S.length > 1 ? S[si][0] + " [" + a + ", " + b + ")" : "[" + a + ", " + b + ")"));
      ev.append(li);
    }
    for (const q of r[LOOSE]) ev.append(el("li", "loose", q));
    box.append(el("h3", "", "Evidence"), ev);
  }

  function select(i, scroll) {
    if (i < 0 || i >= R.length) return;
    selected = i;
    drawDetail(i);
    const s = R[i][SPANS];
    const here = current >= 0 && spansOf(current).some((x) => x[2] === i);
    if (!here && s.length) showSource(s[0]);
    paint();
    if (scroll !== false) {
      const first = $("src-text").querySelector("mark.sel");
      if (first) first.scrollIntoView({ block: "center" });
    }
    const hash = "#" + encodeURIComponent(R[i][ANCHOR]);
    if (location.hash !== hash) {
      try {
        history.replaceState(null, "", hash);
      } catch (e) {
        /* some file: pages refuse; the selection stands */
      }
    }
    const p = shown.indexOf(i);
    if (p >= 0 && (p * ROW < list.scrollTop || (p + 1) * ROW > list.scrollTop + list.clientHeight)) {
      list.scrollTop = Math.max(0, p * ROW - list.clientHeight / 2);
    }
    drawRows();
  }

  function cite(k, mark) {
    for (const m of $("src-text").querySelectorAll("mark.focus")) m.classList.remove("focus");
    mark.classList.add("focus");
    const recs = [...new Set(segs[k][2].map((n) => spans[n][2]))].sort((a, b) => a - b);
    const box = $("cited");
    box.replaceChildren(el("h3", "", "Cited by " + recs.length + (recs.length === 1 ? " record" : " records")));
    box.append(el("blockquote", "", mark.textContent));
    box.lastChild.dir = "auto";
    const list = el("div", "citing");
    for (const i of recs) list.append(recordButton(i));
    box.append(list);
  }

  // ------------------------------------------------------------------ the list, virtualised
  const list = $("list");
  const inner = $("list-inner");

  function drawRows() {
    inner.style.height = shown.length * ROW + "px";
    const top = list.scrollTop;
    const height = list.clientHeight || 800;
    const first = Math.max(0, Math.floor(top / ROW) - 8);
    const last = Math.min(shown.length, Math.ceil((top + height) / ROW) + 8);
    const rows = [];
    for (let p = first; p < last; p++) {
      const b = recordButton(shown[p]);
      b.classList.add("row");
      if (shown[p] === selected) b.classList.add("on");
      b.style.transform = "translateY(" + p * ROW + "px)";
      rows.push(b);
    }
    inner.replaceChildren(...rows);
  }

  function haystack() {
    if (hay === null) {
      hay = R.map((r) => {
        const parts = [r[ID], r[HEAD], r[TEXT], ...r[FIELDS].map((f) => f[1]), ...r[LOOSE]];
        const s = r[SPANS];
        for (let k = 0; k < s.length; k += 3) parts.push(quoteOf(s[k], s[k + 1], s[k + 2]));
        return parts.join("\n").toLowerCase();
      });
    }
    return hay;
  }

  function applyFilters() {
    const t = $("f-table").value;
    const a = $("f-actor").value;
    const p = $("f-topic").value;
    const terms = $("f-text").value.toLowerCase().split(/\s+/).filter(Boolean);
    const words = terms.length ? haystack() : null;
    shown = [];
    for (let i = 0; i < R.length; i++) {
      const r = R[i];
      if (t !== "" && r[T] !== +t) continue;
      if (a !== "" && !r[ACTORS].includes(+a)) continue;
      if (p !== "" && !r[TOPICS].includes(+p)) continue;
      if (words && !terms.every((w) => words[i].includes(w))) continue;
      shown.push(i);
    }
    $("f-count").textContent = shown.length + " of " + R.length + " records";
    list.scrollTop = 0;
    drawRows();
  }

  // ------------------------------------------------------------------ positions matrix
  const SIGN = { supports: "✔ supports", opposes: "✘ opposes", conditional: "◐ conditional" };

  function drawPositions() {
    const box = $("positions");
    if (box.dataset.built) return;
    box.dataset.built = "1";
    const M = D.matrix;
    const actors = [...new Set(M.cells.map((c) => c[1]))].sort((a, b) => a - b);
    const topics = D.matrixTopics || [...new Set(M.cells.map((c) => c[0]))].sort((a, b) => a - b);
    const disagree = new Set(M.disagree);
    const cell = new Map(M.cells.map((c) => [c[0] + "," + c[1], c[2]]));
    if (!topics.length) {
      box.append(el("p", "hint", "No statement or demand here takes a position on a topic."));
      return;
    }
    const table = el("table", "matrix");
    const head = el("tr");
    head.append(el("th", "", "topic \\ actor"));
    for (const a of actors) head.append(el("th", "actor", D.actors[a][1]));
    table.append(el("thead"), el("tbody"));
    table.firstChild.append(head);
    for (const t of topics) {
      const tr = el("tr", disagree.has(t) ? "disagree" : "");
      const th = el("th", "topic", D.topics[t][1]);
      if (disagree.has(t)) th.append(el("span", "flag", "⚑ disagreement"));
      tr.append(th);
      for (const a of actors) {
        const td = el("td");
        for (const [pos, conds, recs] of cell.get(t + "," + a) || []) {
          for (const i of recs) {
            const b = el("button", "pos " + pos, SIGN[pos] || pos);
            b.type = "button";
            b.dataset.i = String(i);
            const s = R[i][SPANS];
            const said = [];
            for (let k = 0; k < s.length; k += 3) said.push("“" + quoteOf(s[k], s[k + 1], s[k + 2]) + "”");
            b.title = R[i][ID] + ": " + (said.join(" … ") || R[i][TEXT]);
            b.addEventListener("click", () => select(i));
            td.append(b);
          }
          for (const c of conds) td.append(el("span", "cond", "if: " + c));
        }
        tr.append(td);
      }
      table.lastChild.append(tr);
    }
    box.append(table);
  }

  function tab(which) {
    const positions = which === "positions";
    if (positions) drawPositions();
    $("positions").hidden = !positions;
    list.hidden = positions;
    $("tab-positions").classList.toggle("on", positions);
    $("tab-records").classList.toggle("on", !positions);
    if (!positions) drawRows();
  }

  // ------------------------------------------------------------------ wiring
  function fillSelect(id, entries) {
    const sel = $(id);
    entries.forEach(([, name], i) => {
      const o = el("option", "", name);
      o.value = String(i);
      sel.append(o);
    });
  }

  function fromHash() {
    let anchor = location.hash.slice(1);
    try {
      anchor = decodeURIComponent(anchor);
    } catch (e) {
      return false;
    }
    if (byAnchor.has(anchor)) {
      tab("records");
      select(byAnchor.get(anchor));
      return true;
    }
    return false;
  }

  fillSelect("f-actor", D.actors);
  fillSelect("f-topic", D.topics);
  S.forEach((s, i) => {
    const o = el("option", "", s[0] + " — " + s[1]);
    o.value = String(i);
    $("src-pick").append(o);
  });
  $("src-pick").addEventListener("change", (e) => showSource(+e.target.value));
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  for (const id of ["f-table", "f-actor", "f-topic"]) $(id).addEventListener("change", applyFilters);
  $("f-text").addEventListener("input", applyFilters);
  $("tab-records").addEventListener("click", () => tab("records"));
  $("tab-positions").addEventListener("click", () => tab("positions"));
  list.addEventListener("scroll", () => requestAnimationFrame(drawRows));
  document.addEventListener("click", (e) => {
    const mark = e.target.closest("mark.ev");
    if (mark) return cite(+mark.dataset.k, mark);
    const rec = e.target.closest("button.rec");
    if (rec) select(+rec.dataset.i);
  });
  window.addEventListener("hashchange", fromHash);
  $("f-count").textContent = R.length + " records";
  drawRows();
  if (!fromHash()) {
    if (D.select !== null && byAnchor.has(D.select)) select(byAnchor.get(D.select));
    else if (S.length) showSource(0);
  }
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
})();

/* SPDX-License-Identifier: MIT
 * mideastdata evidence viewer. Reads the page's JSON block and builds the view with
 * textContent only: no text of the dataset is ever parsed as HTML, nothing is fetched.
 * One source is drawn at a time; the record list draws only the rows in sight. */
(() => {
  "use strict";
  const started = performance.now();
  const D = JSON.parse(document.getElementById("md-data").textContent);
  const parsed = performance.now();
  const R = D.records;
  const S = D.sources;
  const T = 0, ID = 1; // every row starts: table, id, anchor (0: the id); its spans come last
  const words = makeWords(D);
  const anchorOf = (r) => r[2] || r[ID];
  const spansOfRecord = (r) => r[r.length - 1];
  const ROW = 48; // px per row of the record list (the CSS .row height)
  const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g; // as Python's str.splitlines
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  };
  const byAnchor = new Map(R.map((r, i) => [anchorOf(r), i]));
  let shown = R.map((_, i) => i);
  let selected = -1;
  let current = -1;
  let spans = []; // spans of the source on screen: [start, end, record]
  let segs = []; // highlighted segments on screen: [start, end, [span numbers]]
  let spanIndex = null;
  const hay = new Array(R.length);
  let hayNext = 0;
  let involved = null; // per record, the actor numbers it involves (built on the first filter)
  let about = null;

  const single = (t) => D.tables[t].replace(/s$/, "");
  const quoteOf = (si, a, b) => S[si][7].slice(a, b);

  function spansOf(si) {
    if (spanIndex === null) {
      spanIndex = S.map(() => []);
      R.forEach((r, i) => {
        const s = spansOfRecord(r);
        for (let k = 0; k < s.length; k += 3) if (s[k] >= 0) spanIndex[s[k]].push([s[k + 1], s[k + 2], i]);
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
    const d = words.describe(i);
    const b = el("button", "rec t" + r[T]);
    b.type = "button";
    b.dataset.i = String(i);
    b.dataset.id = r[ID];
    b.append(el("span", "tag", single(r[T])), el("span", "head", d.head), el("span", "txt", d.text));
    b.lastChild.dir = "auto";
    return b;
  }

  function drawDetail(i) {
    const r = R[i];
    const d = words.describe(i);
    const box = $("detail");
    box.replaceChildren();
    const h = el("h2", "", d.head);
    const link = el("a", "anchor", "#" + anchorOf(r));
    link.href = "#" + encodeURIComponent(anchorOf(r));
    box.append(el("p", "kind", single(r[T]) + " " + r[ID]), h, el("p", "main", d.text), link);
    box.querySelector(".main").dir = "auto";
    const dl = el("dl");
    for (const [k, v] of d.fields) {
      const dd = el("dd", "", v);
      dd.dir = "auto";
      dl.append(el("dt", "", k), dd);
    }
    box.append(dl);
    for (const [label, table, id] of d.links) {
      const j = R.findIndex((x) => x[ID] === id && D.tables[x[T]] === table);
      if (j >= 0) {
        const b = recordButton(j);
        if (label !== table.replace(/s$/, "")) b.prepend(el("span", "tag", label));
        box.append(b);
      }
    }
    const ev = el("ol", "evidence");
    const s = spansOfRecord(r);
    for (let k = 0; k < s.length; k += 3) {
      const [si, a, b] = [s[k], s[k + 1], s[k + 2]];
      if (si < 0) {
        ev.append(el("li", "loose", a));
        continue;
      }
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
    box.append(el("h3", "", "Evidence"), ev);
  }

  function select(i, scroll) {
    if (i < 0 || i >= R.length) return;
    selected = i;
    drawDetail(i);
    const s = spansOfRecord(R[i]);
    let first = -1;
    for (let k = 0; k < s.length && first < 0; k += 3) if (s[k] >= 0) first = s[k];
    const here = current >= 0 && spansOf(current).some((x) => x[2] === i);
    if (!here && first >= 0) showSource(first);
    paint();
    if (scroll !== false) {
      const first = $("src-text").querySelector("mark.sel");
      if (first) first.scrollIntoView({ block: "center" });
    }
    const hash = "#" + encodeURIComponent(anchorOf(R[i]));
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

  // The words of every record, lower-cased, for the search: built in slices while the page is idle.
  function fillHay(until) {
    for (; hayNext < R.length && performance.now() < until; hayNext++) {
      const r = R[hayNext];
      const d = words.describe(hayNext);
      const parts = [r[ID], d.head, d.text, ...d.fields.map((f) => f[1])];
      const s = spansOfRecord(r);
      for (let k = 0; k < s.length; k += 3) parts.push(s[k] < 0 ? s[k + 1] : quoteOf(s[k], s[k + 1], s[k + 2]));
      hay[hayNext] = parts.join("\n").toLowerCase();
    }
  }

  function warmHay() {
    fillHay(performance.now() + 12);
    if (hayNext < R.length) setTimeout(warmHay, 0);
  }

  function haystack() {
    fillHay(Infinity);
    return hay;
  }

  function applyFilters() {
    const t = $("f-table").value;
    const a = $("f-actor").value;
    const p = $("f-topic").value;
    const terms = $("f-text").value.toLowerCase().split(/\s+/).filter(Boolean);
    const text = terms.length ? haystack() : null;
    if (a !== "" && involved === null) involved = R.map(words.involved);
    if (p !== "" && about === null) about = R.map(words.about);
    shown = [];
    for (let i = 0; i < R.length; i++) {
      const r = R[i];
      if (t !== "" && r[T] !== +t) continue;
      if (a !== "" && !involved[i].includes(a)) continue;
      if (p !== "" && !about[i].includes(p)) continue;
      if (text && !terms.every((w) => text[i].includes(w))) continue;
      shown.push(i);
    }
    $("f-count").textContent = shown.length + " of " + R.length + " records";
    list.scrollTop = 0;
    drawRows();
  }

  function drawPositions() {
    const box = $("positions");
    if (box.dataset.built) return;
    box.dataset.built = "1";
    const said = (i) => {
      const s = spansOfRecord(R[i]);
      const quotes = [];
      for (let k = 0; k < s.length; k += 3) quotes.push(s[k] < 0 ? s[k + 1] : quoteOf(s[k], s[k + 1], s[k + 2]));
      return quotes;
    };
    box.append(drawMatrix(D, { el, said, select, text: (i) => words.describe(i).text }));
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
    for (const [id, name] of entries) {
      const o = el("option", "", name);
      o.value = id;
      sel.append(o);
    }
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
  // when the script started, had read its data and had drawn the page (ms from navigation start)
  document.documentElement.dataset.timings = [started, parsed].map(Math.round).join(" ");
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
  setTimeout(warmHay, 250);
})();

/* SPDX-License-Identifier: MIT
 * The positions matrix: topics by actors, each cell the actor's positions on the topic (with the
 * conditions), each position a button that selects its statement or demand; disagreements flagged.
 * Built with textContent only, when its tab is first opened. */
function drawMatrix(D, ctx) {
  "use strict";
  const { el, said, select, text } = ctx;
  const SIGN = { supports: "✔ supports", opposes: "✘ opposes", conditional: "◐ conditional" };
  const M = D.matrix;
  const inCells = (k) => new Set(M.cells.map((c) => c[k]));
  const someTopics = inCells(0);
  const someActors = inCells(1);
  const actors = D.actors.filter((a) => someActors.has(a[0]));
  const named = new Map(D.topics);
  const topics = (D.matrixTopics || D.topics.map((t) => t[0]).filter((t) => someTopics.has(t))).map((t) => [t, named.get(t) ?? t]);
  const disagree = new Set(M.disagree);
  const cell = new Map(M.cells.map((c) => [c[0] + "\n" + c[1], c[2]]));
  if (!topics.length) return el("p", "hint", "No statement or demand here takes a position on a topic.");
  const table = el("table", "matrix");
  const head = el("tr");
  head.append(el("th", "", "topic \\ actor"));
  for (const [, name] of actors) head.append(el("th", "actor", name));
  table.append(el("thead"), el("tbody"));
  table.firstChild.append(head);
  for (const [t, label] of topics) {
    const tr = el("tr", disagree.has(t) ? "disagree" : "");
    const th = el("th", "topic", label);
    if (disagree.has(t)) th.append(el("span", "flag", "⚑ disagreement"));
    tr.append(th);
    for (const [a] of actors) {
      const td = el("td");
      for (const [pos, conds, recs] of cell.get(t + "\n" + a) || []) {
        for (const i of recs) {
          const b = el("button", "pos " + pos, SIGN[pos] || pos);
          b.type = "button";
          b.dataset.i = String(i);
          const words = said(i).map((q) => "“" + q + "”");
          b.title = D.records[i][1] + ": " + (words.join(" … ") || text(i));
          b.addEventListener("click", () => select(i));
          td.append(b);
        }
        for (const c of conds) td.append(el("span", "cond", "if: " + c));
      }
      tr.append(td);
    }
    table.lastChild.append(tr);
  }
  return table;
}

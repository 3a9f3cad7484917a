/* SPDX-License-Identifier: MIT
 * Records in words, composed in the page from the compact rows (see mideastdata/view/_rows.py)
 * exactly as mideastdata.view._words.describe writes them in Python (a browser test holds the two
 * equal). Words are composed only for the records drawn, and kept. */
function makeWords(D) {
  "use strict";
  const W = D.words;
  const actorNames = new Map(D.actors);
  const topicLabels = new Map(D.topics);
  const actor = (id) => actorNames.get(id) ?? id;
  const topic = (id) => topicLabels.get(id) ?? id;
  const names = (refs) => refs.map(actor).join(", ");
  const cameo = (code) => W.cameo[code] || code;
  const codes = (c, p) => [...(c ? [["CAMEO", cameo(c)]] : []), ...(p ? [["PLOVER", W.plover[p] || p]] : [])];
  const kept = (fields) => fields.filter((f) => f[1]);

  function actorWords(r) {
    const [, id, , name, kind, aliases, roles, memberOf, country, code, anonymous, wikidata, keys] = r;
    const roleWords = roles.map(([title, of]) => title + (of === null ? "" : " of " + actor(of)));
    return {
      head: name + " · " + W.actorKind[kind],
      text: name,
      fields: kept([
        ["kind", W.actorKind[kind]],
        ["aliases", aliases.join(", ")],
        ["roles", roleWords.join("; ")],
        ["member of", names(memberOf)],
        ["country", country || ""],
        ["CAMEO", code ? W.cameoActor[code] || code : ""],
        ["anonymous", anonymous ? "yes: the source does not name this actor" : ""],
        ["Wikidata", wikidata || ""],
        ["identifiers", keys.map(([scheme, value]) => scheme + ": " + value).join(", ")],
      ]),
      links: [],
      id,
    };
  }

  function statementWords(r) {
    const [, id, , speaker, kind, summary, quote, attribution, topics, mentions, stances, date, c, p] = r;
    const stanceWords = stances.map(
      ([t, pos, cond]) => W.position[pos] + " " + topic(t) + (cond ? " (if: " + cond + ")" : "")
    );
    return {
      head: actor(speaker) + " · " + W.statementKind[kind],
      text: summary,
      fields: kept([
        ["speaker", actor(speaker)],
        ["kind", W.statementKind[kind]],
        ["attribution", W.attribution[attribution]],
        ["quote", quote || ""],
        ["topics", topics.map(topic).join(", ")],
        ["mentions", names(mentions)],
        ["stances", stanceWords.join("; ")],
        ["date", date || ""],
        ...codes(c, p),
      ]),
      links: [],
      id,
    };
  }

  function demandWords(r) {
    const [, id, , by, addressee, t, text, kind, condition, statement] = r;
    const whom = addressee === null ? "(addressee not said)" : actor(addressee);
    return {
      head: actor(by) + " → " + whom + " · " + W.demandKind[kind],
      text,
      fields: kept([
        ["by → of", actor(by) + " → " + whom],
        ["kind", W.demandKind[kind]],
        ["topic", topic(t)],
        ["condition", condition || ""],
        ["statement", statement || ""],
      ]),
      links: statement ? [["statement", "statements", statement]] : [],
      id,
    };
  }

  function eventWords(r) {
    const [, id, , kind, summary, actors, targets, location, date, status, topics, c, p] = r;
    const who = names(actors) || "(actors not said)";
    return {
      head: W.eventKind[kind] + " · " + W.eventStatus[status],
      text: summary,
      fields: kept([
        ["kind", W.eventKind[kind]],
        ["status", W.eventStatus[status]],
        ["actors → targets", targets.length ? who + " → " + names(targets) : who],
        ["location", location || ""],
        ["date", date || ""],
        ["topics", topics.map(topic).join(", ")],
        ...codes(c, p),
      ]),
      links: [],
      id,
    };
  }

  const COMPOSE = [actorWords, statementWords, demandWords, eventWords];
  const cache = new Map();
  const given = (ids) => ids.filter((x) => x !== null);

  return {
    describe(i) {
      let found = cache.get(i);
      if (found === undefined) {
        found = COMPOSE[D.records[i][0]](D.records[i]);
        cache.set(i, found);
      }
      return found;
    },
    /** The actor ids a record involves (any role; an actor involves itself, its groups and whom its roles are of). */
    involved(r) {
      switch (r[0]) {
        case 0:
          return [r[1], ...r[7], ...given(r[6].map((x) => x[1]))];
        case 1:
          return [r[3], ...r[9]];
        case 2:
          return given([r[3], r[4]]);
        default:
          return [...r[5], ...r[6]];
      }
    },
    /** The topic ids a record is about (a statement's stances count). */
    about(r) {
      switch (r[0]) {
        case 1:
          return [...r[8], ...r[10].map((s) => s[0])];
        case 2:
          return [r[5]];
        case 3:
          return r[10];
        default:
          return [];
      }
    },
    spans: (r) => r[r.length - 1],
  };
}

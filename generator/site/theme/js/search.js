/* factcheck theme: search with Pagefind's static, chunked index.
   Nothing is fetched until a reader searches: pagefind.js, its index chunks and
   fragments load on the first query. Results are drawn with textContent (and
   <mark> elements built here), never with innerHTML, so page text cannot turn
   into markup. Without JavaScript the search page lists the indexes instead. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-fc-search]");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector("[data-fc-search-status]");
  var list = document.querySelector("[data-fc-search-results]");
  var fallback = document.querySelector("[data-fc-search-fallback]");
  var root = new URL((document.documentElement.getAttribute("data-fc-root") || ".")
    .replace(/\/?$/, "/"), window.location.href);
  var engine = null;
  var latest = 0;
  var lang = document.documentElement.getAttribute("lang") || "en";
  var words = {};
  try {
    words = JSON.parse((document.getElementById("fc-search-strings") || {}).textContent || "{}");
  } catch (e) { words = {}; }
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;

  /* The page's catalog wording (English if the page has none), its %(name)s filled. */
  function say(key, fallback, values) {
    var text = words[key] || fallback;
    if (typeof text === "object") {
      var n = values && values.count;
      text = text[plurals ? plurals.select(n) : (n === 1 ? "one" : "other")] || text.other;
    }
    return String(text).replace(/%\((\w+)\)s/g, function (m, name) {
      var value = values ? values[name] : undefined;
      if (typeof value === "number") { return value.toLocaleString(lang); }
      return value === undefined ? m : String(value);
    });
  }
  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };

  /* The site's index, in the page's language; and the bundle of each language whose
     pages were indexed apart (pagefind-<lang>/, named in data-fc-search-languages),
     merged so one search finds them too. A bundle that cannot load is left out. */
  var apart = (form.getAttribute("data-fc-search-languages") || "").split(/\s+/).filter(Boolean);

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        /* noWorker: Pagefind's web worker is a second script of its own (40 KB)
           fetched on every first search; one query's work fits the page's thread. */
        return Promise.resolve(pf.options({ baseUrl: root.pathname, noWorker: true })).then(function () {
          return Promise.all(apart.map(function (code) {
            var bundle = new URL("pagefind-" + code + "/", root).pathname;
            return Promise.resolve(pf.mergeIndex(bundle, { language: code, baseUrl: root.pathname }))
              .catch(function () { return null; });
          }));
        }).then(function () { return pf; });
      });
    }
    return engine;
  }

  function plain(text) {
    return String(text || "").replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (m) { return ENTITIES[m]; });
  }

  /* Pagefind marks the matched words with <mark>; keep those, show the rest as text. */
  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "fc-result-excerpt";
    String(html || "").split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") { return true; }
      if (part === "</mark>") { return false; }
      var text = plain(part.replace(/<[^>]*>/g, ""));
      if (text) {
        var node = inMark ? document.createElement("mark") : document.createTextNode(text);
        if (inMark) { node.textContent = text; }
        p.appendChild(node);
      }
      return inMark;
    }, false);
    return p;
  }

  function item(data) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    var kind = document.createElement("p");
    kind.className = "fc-result-kind";
    if (meta.kind === "claim") {
      kind.appendChild(document.createTextNode(say("claim_verdict", "Claim \u00b7 Verdict:") + " "));
      var v = document.createElement("bdi");
      v.className = "fc-result-verdict";
      v.textContent = meta.verdict || say("not_rated", "not rated");
      kind.appendChild(v);
    } else {
      kind.textContent = meta.kind === "source" ? say("source_text", "Source text") : say("page", "Page");
    }
    var a = document.createElement("a");
    a.className = "fc-result-title";
    a.dir = "auto";
    a.href = data.url;
    a.textContent = plain(meta.title) || data.url;
    li.appendChild(a);
    li.appendChild(kind);
    li.appendChild(excerpt(data.excerpt));
    return li;
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    status.textContent = say("searching", "Searching\u2026");
    load().then(function (pf) { return pf.search(query); }).then(function (found) {
      if (ticket !== latest) { return null; }
      var results = found ? found.results : [];
      return Promise.all(results.slice(0, 20).map(function (r) { return r.data(); }))
        .then(function (items) {
          if (ticket !== latest) { return; }
          items.forEach(function (d) { list.appendChild(item(d)); });
          status.textContent = results.length === 0 ?
            say("no_results", "No results for \u201c%(query)s\u201d.", { query: query }) :
            say(results.length > 20 ? "results_first" : "results",
                results.length > 20 ? "%(count)s results for \u201c%(query)s\u201d, the first %(shown)s shown." :
                  "%(count)s results for \u201c%(query)s\u201d.",
                { count: results.length, query: query, shown: 20 });
        });
    }).catch(function () {
      if (ticket === latest) { status.textContent = say("failed", "Search could not load. Browse all claims instead."); }
      if (fallback) { fallback.hidden = false; }
    });
  }

  form.hidden = false;
  if (fallback) { fallback.hidden = true; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url.href);
    run(input.value);
  });
  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) { input.value = initial; run(initial); }
}());

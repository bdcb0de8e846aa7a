/* factcheck: small enhancements; every page works without this script.
   - claims index: filter the table in place by verdict and topic;
   - source pages: when a passage is the target, mark all of its pieces. */
(function () {
  "use strict";

  /* "3 of 24 claims shown" in the page's language: the wording per plural category
     comes with the form (data-fc-strings), the numbers in the page's own digits. */
  function counter(form) {
    var lang = document.documentElement.getAttribute("lang") || "en";
    var table = {};
    try { table = JSON.parse(form.getAttribute("data-fc-strings") || "{}").filter_count || {}; }
    catch (e) { table = {}; }
    var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
    return function (shown, total) {
      var text = table[rules ? rules.select(total) : (total === 1 ? "one" : "other")] ||
        table.other || "%(shown)s of %(count)s claims shown";
      var values = { shown: shown, count: total };
      return text.replace(/%\((\w+)\)s/g, function (m, name) {
        return name in values ? values[name].toLocaleString(lang) : m;
      });
    };
  }

  function setupFilter(form) {
    var counted = counter(form);
    var table = document.querySelector("table.fc-claims");
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var verdict = form.querySelector("[data-fc-filter-verdict]");
    var tag = form.querySelector("[data-fc-filter-tag]");
    var count = form.querySelector("[data-fc-filter-count]");
    var empty = document.querySelector("[data-fc-empty]");
    function apply() {
      var v = verdict ? verdict.value : "";
      var t = tag ? tag.value : "";
      var shown = 0;
      rows.forEach(function (row) {
        var tags = (row.getAttribute("data-tags") || "").split(" ");
        var ok = (!v || row.getAttribute("data-verdict") === v) &&
                 (!t || tags.indexOf(t) >= 0);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = counted(shown, rows.length); }
      if (empty) { empty.hidden = shown !== 0; }
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  function markTarget() {
    var old = document.querySelectorAll(".fc-current");
    Array.prototype.forEach.call(old, function (el) { el.classList.remove("fc-current"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("q-") !== 0) { return; }
    var marks = document.querySelectorAll("mark[data-cites]");
    Array.prototype.forEach.call(marks, function (el) {
      if ((" " + el.getAttribute("data-cites") + " ").indexOf(" " + id + " ") >= 0) {
        el.classList.add("fc-current");
      }
    });
  }

  function init() {
    var form = document.querySelector("form[data-fc-filter]");
    if (form) { setupFilter(form); }
    if (document.querySelector(".fc-text")) {
      markTarget();
      window.addEventListener("hashchange", markTarget);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());

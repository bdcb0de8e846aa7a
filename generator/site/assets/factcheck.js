/* factcheck: a small enhancement; every page works without this script.
   - source pages: when a passage is the target, mark all of its pieces.
   - claim pages: each passage link's full address (the canonical page's, resolved),
     which the print stylesheet prints after it; written here rather than into
     every claim page as a second copy of each link.
   (Claims are filtered by lists of their own, page by page: no script needed.) */
(function () {
  "use strict";

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

  function printAddresses() {
    var canonical = document.querySelector("link[rel=canonical]");
    if (!canonical || !window.URL) { return; }
    var links = document.querySelectorAll("a.fc-passage");
    Array.prototype.forEach.call(links, function (a) {
      a.setAttribute("data-print-href", new URL(a.getAttribute("href"), canonical.href).href);
    });
  }

  function init() {
    printAddresses();
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

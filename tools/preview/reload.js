// Served only by the preview server (tools/preview), never written to output/.
// Reloads the page when the preview says this page (or the list of problems) changed.
(function () {
  "use strict";
  var script = document.currentScript;
  // The state this page was served in: a build between serving it and the stream's first
  // "hello" (a slow machine, a page still loading) would otherwise go unnoticed.
  var version = script ? script.getAttribute("data-version") : null;
  var url = "/_preview/events?page=" + encodeURIComponent(location.pathname);
  var source = new EventSource(url);
  source.addEventListener("hello", function (event) {
    // A new server process, or an edit since the page was served or while the connection was down.
    if (version !== null && version !== event.data) { location.reload(); }
    version = event.data;
  });
  source.addEventListener("reload", function (event) {
    version = event.data;
    location.reload();
  });
})();

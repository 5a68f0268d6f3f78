// Served only by the preview server (tools/preview), never written to output/.
// Reloads the page when the preview says this page (or the list of problems) changed.
(function () {
  "use strict";
  var url = "/_preview/events?page=" + encodeURIComponent(location.pathname);
  var source = new EventSource(url);
  var version = null;
  source.addEventListener("hello", function (event) {
    // A new server process or an edit while the connection was down: show the current state.
    if (version !== null && version !== event.data) { location.reload(); }
    version = event.data;
  });
  source.addEventListener("reload", function (event) {
    version = event.data;
    location.reload();
  });
})();

// gloss preview: reload the page when the glossary changes (server-sent events).
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script ? script.getAttribute("data-version") : null;
  var root = script ? script.getAttribute("src").replace(/_gloss\/live\.js$/, "") : "/";
  var events = new EventSource(root + "_gloss/events");
  events.addEventListener("version", function (event) {
    if (shown !== null && event.data !== shown) {
      events.close();
      location.reload();
    }
  });
})();

/*
 * Orman's embed script: grows the iframe of Orman's public page to the page's full height, so the host page
 * scrolls and the frame never does. Paste, with the iframe the Embed page gives:
 *
 *   <iframe src="https://ORMAN/public?embed=true&lang=kk" title="…" width="100%" height="900" style="border:0"></iframe>
 *   <script src="https://ORMAN/app/static/orman-embed.js" async></script>
 *
 * The public page inside the frame posts {type: "orman:height", height: N} whenever its height changes
 * (pages/ui/embed_height.py). Only messages from the server this script came from are heard, and only the frame
 * that sent one is resized. Without this script the iframe keeps its height attribute and scrolls.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src || window.ormanEmbed) {
    return;
  }
  var origin = new URL(script.src, window.location.href).origin;
  var MAX_HEIGHT = 100000;
  window.ormanEmbed = { origin: origin };

  function frameOf(source) {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) {
        return frames[i];
      }
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== "orman:height") {
      return;
    }
    var height = Math.ceil(Number(data.height));
    var frame = frameOf(event.source);
    if (frame && height > 0 && height < MAX_HEIGHT) {
      frame.style.height = height + "px";
      frame.setAttribute("height", String(height));
    }
  });

  // Frames that loaded before this script said their height to nobody: ask them again.
  function ask() {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow) {
        frames[i].contentWindow.postMessage({ type: "orman:ask" }, origin);
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ask);
  } else {
    ask();
  }
})();

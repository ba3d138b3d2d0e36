"""The public page inside another site's iframe says how tall it is, so static/orman-embed.js (the script the Embed
page's snippet loads on the host page) grows the iframe to fit: the page never scrolls inside its frame."""

from __future__ import annotations

import streamlit as st

from pages.ui import look

MESSAGE = "orman:height"  # what static/orman-embed.js listens for; it answers "orman:ask" by asking again
SCRIPT = """
<script>
(function () {
  if (window.parent === window || window.ormanHeight) { return; }
  window.ormanHeight = true;
  var last = 0;
  function height() {
    var main = document.querySelector('[data-testid="stMain"]');
    var block = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (!main || !block) { return document.documentElement.scrollHeight; }
    return block.getBoundingClientRect().bottom - main.getBoundingClientRect().top + main.scrollTop;
  }
  function tell(always) {
    var now = Math.ceil(height());
    if (now > 0 && (always || now !== last)) {
      last = now;
      window.parent.postMessage({ type: "%(message)s", height: now }, "*");
    }
  }
  var observer = new ResizeObserver(function () { tell(false); });
  function watch() {
    var block = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (block) { observer.observe(block); tell(true); } else { setTimeout(watch, 200); }
  }
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === "orman:ask") { tell(true); }
  });
  watch();
})();
</script>
"""


def report() -> None:
    """Inside an iframe (``?embed=true``), post the page's height to the host page whenever it changes (once per
    browser page, however often the script reruns); nothing otherwise."""
    if look.embedded():
        st.html(SCRIPT % {"message": MESSAGE}, unsafe_allow_javascript=True)

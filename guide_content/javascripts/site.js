/* Small site-wide improvements on top of the Material theme.
 *
 * A table wider than the screen scrolls sideways inside its box; such a box becomes
 * a named, focusable region so that keyboard users can scroll it too. Tables added
 * after the theme has run (the assistant's agendas) get the theme's scroll box first.
 * Checked again when the window is resized and when the assistant adds content
 * ("ma:content").
 */
(function () {
  "use strict";

  var SCROLLERS = ".md-typeset .md-typeset__scrollwrap";

  function wrapLooseTables() {
    document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      if (table.closest(".md-typeset__scrollwrap")) return;
      var wrap = document.createElement("div");
      var inner = document.createElement("div");
      wrap.className = "md-typeset__scrollwrap";
      inner.className = "md-typeset__table";
      table.replaceWith(wrap);
      inner.appendChild(table);
      wrap.appendChild(inner);
    });
  }

  function heading(node) {
    var caption = node.querySelector && node.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var walker = node;
    while (walker && walker !== document.body) {
      var previous = walker.previousElementSibling;
      while (previous) {
        if (/^H[1-6]$/.test(previous.tagName)) return previous.textContent.replace("¶", "").trim();
        var inner = previous.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inner.length) return inner[inner.length - 1].textContent.replace("¶", "").trim();
        previous = previous.previousElementSibling;
      }
      walker = walker.parentElement;
    }
    return "";
  }

  function scrolls(node) {
    var style = getComputedStyle(node);
    return /(auto|scroll)/.test(style.overflowX) && node.scrollWidth > node.clientWidth + 1;
  }

  function update() {
    wrapLooseTables();
    document.querySelectorAll(SCROLLERS).forEach(function (node) {
      if (scrolls(node)) {
        if (node.getAttribute("data-ma-scroll") === "1") return;
        var title = heading(node);
        node.setAttribute("tabindex", "0");
        node.setAttribute("role", "region");
        node.setAttribute("aria-label", (title ? title + ": " : "") + "table, scrolls sideways");
        node.setAttribute("data-ma-scroll", "1");
      } else if (node.getAttribute("data-ma-scroll") === "1") {
        ["tabindex", "role", "aria-label", "data-ma-scroll"].forEach(function (name) {
          node.removeAttribute(name);
        });
      }
    });
  }

  var pending = null;
  function later() {
    if (pending) clearTimeout(pending);
    pending = setTimeout(update, 100);
  }

  if (document.readyState === "complete") update();
  else window.addEventListener("load", update);
  window.addEventListener("resize", later);
  document.addEventListener("ma:content", update);
})();

/*
 * cchc-site behaviour on every page, progressive: without JavaScript every page is complete.
 *  - accessibility fixes for the theme: a name for the search dialog, keyboard access to
 *    horizontally scrollable tables.
 */
(function () {
  "use strict";

  function text(el) { return (el.textContent || "").replace(/\s+/g, " ").trim(); }

  function fixAccessibility() {
    var dialog = document.querySelector(".md-search");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Tìm kiếm");
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex")) return;
      var table = wrap.querySelector("table");
      var caption = wrap.previousElementSibling;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption && /^H[2-4]$/.test(caption.tagName) ? text(caption) : "Bảng");
      if (table) table.setAttribute("tabindex", "-1");
    });
  }

  function init() {
    fixAccessibility();
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());

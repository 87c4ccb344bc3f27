/*
 * cchc-site behaviour on every page, progressive: without JavaScript every page is complete.
 * The theme's own script bundle is not loaded; this file (a few KB) does what needs a script:
 *  - window.cchc.fold / .key: the one Vietnamese folding shared by the search and the list filter;
 *  - the search: its code (tim-kiem.js) and index load on first use, not on every page view;
 *    the search box of a page (form.cchc-tim: home page, 404) opens it with what is typed;
 *  - accessibility: keyboard access to scrollable tables, the menu and the search buttons.
 */
(function () {
  "use strict";

  var MARKS = /[\u0300-\u036f]/g;

  /* "Đăng Ký" → "dang ky": marks dropped, đ → d, lower case (as cchc_site.text.fold, lowered) */
  function fold(text) {
    return String(text).normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase();
  }

  /* The spelling a match is made on: folded, and i/y written alike («ký»/«kí», «lý»/«lí») */
  function key(text) {
    return fold(text).replace(/y/g, "i");
  }

  function text(el) { return (el.textContent || "").replace(/\s+/g, " ").trim(); }

  window.cchc = { fold: fold, key: key, text: text };
  window.cchcFold = fold;

  /* -- search: loaded on first use ------------------------------------------------------------ */
  var searchLoading = null;

  function script() {
    var own = document.querySelector("script[src$='assets/cchc/cchc.js']");
    return own ? own.src.replace(/cchc\.js(\?.*)?$/, "") : "";
  }

  function loadSearch() {
    if (!searchLoading) {
      searchLoading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = script() + "tim-kiem.js";
        tag.onload = resolve;
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return searchLoading;
  }

  function setupSearch() {
    var input = document.querySelector(".md-search__input");
    if (!input) return;
    function start() {
      loadSearch().then(function () { window.cchc.search.start(input); });
    }
    input.addEventListener("focus", start, { once: true });
    input.addEventListener("pointerdown", start, { once: true });
    var toggle = document.getElementById("__search");
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) { start(); input.focus(); }
      });
    }
  }

  /* The search box of a page (templates/_search_box.html.j2, theme/404.html): what is typed opens
     the site search with it, the focus in its box, so the reader types on and gets the same results,
     keys and announcements as from the header; closing the search brings the focus (and the words)
     back. A word still being composed (a Vietnamese keyboard's «dd» → «đ») is left to finish first.
     Without JavaScript the form sends the words to the procedure list, which filters by them (?q=). */
  function setupSearchBoxes() {
    var input = document.querySelector(".md-search__input");
    var toggle = document.getElementById("__search");
    if (!input || !toggle) return;
    document.querySelectorAll("form.cchc-tim").forEach(function (form) {
      var own = form.querySelector("input[name=q]");
      var opened = false;
      if (!own) return;
      function open(event) {
        if (event.type === "submit") event.preventDefault();  // an empty box opens the search too
        else if (event.isComposing || !own.value.trim()) return;
        opened = true;
        input.value = own.value;
        if (!toggle.checked) {
          toggle.checked = true;
          toggle.dispatchEvent(new Event("change"));  // the panel opens and the search starts
        }
        input.focus();
        input.setSelectionRange(input.value.length, input.value.length);
        loadSearch().then(function () { input.dispatchEvent(new Event("input")); });
      }
      own.addEventListener("input", open);
      own.addEventListener("compositionend", open);
      form.addEventListener("submit", open);
      toggle.addEventListener("change", function () {
        if (toggle.checked || !opened) return;
        opened = false;
        own.value = input.value;
        var now = document.activeElement;  // closed from the search (Escape, its back button): back here;
        if (!now || now === document.body || now.closest(".md-header")) own.focus();  // moved on: stay there
      });
    });
  }

  /* -- accessibility ------------------------------------------------------------------------- */
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, summary, " +
    "[tabindex]:not([tabindex='-1'])";

  function shown(el) { return el.getClientRects().length > 0; }

  /* A scroll region's name: its table's caption (which names it already), else the heading above it */
  function regionName(el) {
    for (var node = el; node && !node.matches(".md-content"); node = node.parentElement) {
      for (var prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        var found = /^H[1-6]$/.test(prev.tagName) ? [prev] : prev.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (found.length) return text(found[found.length - 1]);
      }
    }
    return el.tagName === "TABLE" ? "Bảng" : "Vùng cuộn";
  }

  /* Whatever actually scrolls in the page (a wide table on a phone…) takes the focus, so the arrow
     keys scroll it, and is named; measured again when the window or an opened <details> changes it */
  function markScrollers() {
    document.querySelectorAll(".md-content *").forEach(function (el) {
      var set = el.getAttribute("data-cchc-cuon"), style;
      var scrolls = (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) &&
        (style = getComputedStyle(el)) &&
        (el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(style.overflowX) ||
         el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(style.overflowY));
      if (scrolls && set === null && !el.hasAttribute("tabindex")) {
        var added = ["tabindex"];
        el.setAttribute("tabindex", "0");
        if (/^(DIV|SECTION|FIGURE)$/.test(el.tagName)) { el.setAttribute("role", "region"); added.push("role"); }
        if (/^(DIV|SECTION|FIGURE|TABLE)$/.test(el.tagName) && !el.hasAttribute("aria-label") &&
            !(el.tagName === "TABLE" && el.querySelector("caption"))) {
          el.setAttribute("aria-label", regionName(el));
          added.push("aria-label");
        }
        el.setAttribute("data-cchc-cuon", added.join(" "));
      } else if (!scrolls && set !== null) {
        set.split(" ").concat("data-cchc-cuon").forEach(function (name) { el.removeAttribute(name); });
      }
    });
  }

  /* The skip link moves the focus too, not only the view: the next Tab goes on from the content */
  function setupSkipLink() {
    var skip = document.querySelector(".md-skip");
    if (!skip) return;
    skip.addEventListener("click", function () {
      var target = document.getElementById(decodeURIComponent(skip.hash.slice(1)));
      if (!target) return;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    });
  }

  /* The header's menu and search buttons are <label>s of the theme's CSS checkboxes: each gets a button
     (focusable, named, aria-expanded, Enter/Space); opening moves the focus in, Escape or leaving
     with the focus closes (Escape gives the focus back to the button) */
  function setupPanels() {
    var panels = [];
    [["__search", ".md-search", "Tìm kiếm"], ["__drawer", ".md-sidebar--primary", "Trình đơn"]].forEach(function (p) {
      var box = document.getElementById(p[0]), panel = document.querySelector(p[1]);
      var label = document.querySelector(".md-header label[for='" + p[0] + "']");
      if (!box || !panel || !label) return;
      // a <label> may not take the button role: a button inside it (a click still reaches the label)
      var button = document.createElement("span");
      button.className = "cchc-nut";
      while (label.firstChild) button.appendChild(label.firstChild);
      label.appendChild(button);
      var it = { box: box, panel: panel, button: button };
      panels.push(it);
      button.setAttribute("role", "button");
      button.setAttribute("tabindex", "0");
      button.setAttribute("aria-label", p[2]);
      button.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        toggle(it, !box.checked);
      });
      box.addEventListener("change", function () {
        sync();
        if (box.checked) {
          var first = Array.prototype.filter.call(panel.querySelectorAll(FOCUSABLE), shown)[0];
          if (first) first.focus();
        } else if (panel.contains(document.activeElement) && shown(button)) {
          button.focus();
        }
      });
    });
    function toggle(it, open) {
      it.box.checked = open;
      it.box.dispatchEvent(new Event("change"));
    }
    function sync() {
      panels.forEach(function (it) { it.button.setAttribute("aria-expanded", String(it.box.checked)); });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var open = panels.filter(function (it) { return it.box.checked; })[0];
      if (open) toggle(open, false);
    });
    document.addEventListener("focusin", function (event) {
      panels.forEach(function (it) {
        if (it.box.checked && event.target !== it.button && !it.panel.contains(event.target)) toggle(it, false);
      });
      sync();
    });
    ["click", "keyup"].forEach(function (type) { document.addEventListener(type, sync); });  // others set .checked
    sync();
  }

  function fixAccessibility() {
    var dialog = document.querySelector(".md-search");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Tìm kiếm");
    markScrollers();
    var again = null;
    function later() { clearTimeout(again); again = setTimeout(markScrollers, 150); }
    window.addEventListener("resize", later);
    document.addEventListener("toggle", later, true);
    setupSkipLink();
    setupPanels();
  }

  function init() {
    fixAccessibility();
    setupSearch();
    setupSearchBoxes();
    setupPrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  /* -- print -- */
  /* On paper a link shows where it leads: a link within the site gets its absolute address in
     data-dia-chi, which the print style writes after it (the site is built without its address). */
  function markAddresses() {
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      if (!/^([a-z][a-z0-9+.-]*:|#)/i.test(link.getAttribute("href"))) link.setAttribute("data-dia-chi", link.href);
    });
  }

  function setupPrint() {
    markAddresses();
    window.addEventListener("beforeprint", markAddresses);
  }
}());

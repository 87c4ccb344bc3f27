/*
 * cchc-site: the procedure list's filter (loaded by that page only). The form is in the page's
 * HTML, so nothing moves when this starts; without JavaScript the CSS hides it and the whole list
 * shows. Matching is made on window.cchc.key (cchc.js), the spelling the site search uses. The
 * filter is kept in the address (?q=…&nhom=…&linh-vuc=…&truc-tuyen=…), so a filtered list can be
 * shared and is restored when the address is opened.
 */
(function () {
  "use strict";

  /* A heading and what follows it up to the next heading: the table and whatever wraps it, so
     hiding a lĩnh vực hides its whole block and leaves no empty box. Walked on every change, so a
     wrapper added later by another script is hidden too. */
  function following(heading, each) {
    for (var el = heading; el && (el === heading || !/^H[23]$/.test(el.tagName)); el = el.nextElementSibling) each(el);
  }

  function heading(el, extra) {
    extra.el = el;
    extra.number = el.querySelector(".loc-so");  // the count in «Hộ tịch (20)»
    extra.total = extra.number ? extra.number.textContent : "";
    return extra;
  }

  /* The list read from the article's flat structure: groups are h2[data-nhom], lĩnh vực their h3;
     after the groups (a heading without data-nhom) come the coming and withdrawn procedures. */
  function read(article, key, text) {
    var list = { groups: [], rows: [], rest: null }, group = null;
    article.querySelectorAll(":scope > h2, :scope > h3").forEach(function (el) {
      if (el.tagName === "H2") {
        group = el.hasAttribute("data-nhom") ? heading(el, { key: el.getAttribute("data-nhom"), sections: [] }) : null;
        if (group) list.groups.push(group); else list.rest = list.rest || el;
      } else if (group) {
        var label = text(el).replace(/\s*\([^)]*\)$/, "");  // «Hộ tịch (20)»: the lĩnh vực's name
        var section = heading(el, { label: label, rows: [] });
        group.sections.push(section);
        following(el, function (part) {
          part.querySelectorAll("tbody tr").forEach(function (tr) {
            var cells = tr.cells;  // name, code, online level; matched on name, code and lĩnh vực
            var row = { el: tr, level: cells.length > 2 ? text(cells[2]) : "",
                        key: key([text(cells[0]), cells.length > 1 ? text(cells[1]) : "", label].join(" ")) };
            section.rows.push(row);
            list.rows.push(row);
          });
        });
      }
    });
    return list;
  }

  function show(item, shown, active) {
    following(item.el, function (el) { el.hidden = !shown; });
    if (item.number) item.number.textContent = active ? shown + "/" + item.total : item.total;
  }

  /* the label of a select's choice: lĩnh vực and levels are matched on the text the list shows */
  function chosen(select) {
    return select.value ? select.options[select.selectedIndex].text : "";
  }

  function setup(form) {
    var key = window.cchc.key, text = window.cchc.text;
    var list = read(form.closest("article") || document.body, key, text);
    var f = form.elements, query = f.q, byGroup = f.nhom, byField = f["linh-vuc"], byLevel = f["truc-tuyen"];
    var controls = [query, byGroup, byField, byLevel];
    var count = document.getElementById("loc-dem"), none = document.getElementById("loc-khong-co");
    var noneWhat = document.getElementById("loc-khong-co-tu"), searchAll = document.getElementById("loc-tim-ca-trang");

    function apply() {
      var words = key(query.value).split(/[\s,;]+/).filter(Boolean);
      var field = chosen(byField), level = chosen(byLevel);
      var active = Boolean(words.length || byGroup.value || field || level);
      var shown = 0;
      list.groups.forEach(function (g) {
        var inGroup = 0;
        g.sections.forEach(function (s) {
          var inSection = 0;
          s.rows.forEach(function (row) {
            var ok = (!byGroup.value || g.key === byGroup.value) && (!field || s.label === field) &&
                     (!level || row.level === level) && words.every(function (w) { return row.key.indexOf(w) >= 0; });
            row.el.hidden = !ok;
            if (ok) inSection += 1;
          });
          show(s, inSection, active);
          inGroup += inSection;
        });
        show(g, inGroup, active);
        shown += inGroup;
      });
      for (var el = list.rest; el; el = el.nextElementSibling) el.hidden = active;
      var message = shown + "/" + list.rows.length + " thủ tục";
      if (count.textContent !== message) count.textContent = message;  // the live region speaks on change only
      none.hidden = shown > 0;
      noneWhat.textContent = words.length ? "“" + query.value.trim() + "”" : "các lựa chọn trên";
      searchAll.hidden = !words.length;
    }

    function save() {
      var params = new URLSearchParams();
      controls.forEach(function (c) { if (c.value.trim()) params.set(c.name, c.value.trim()); });
      var search = params.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      controls.forEach(function (c) {
        c.value = params.get(c.name) || "";
        if (c.selectedIndex < 0) c.selectedIndex = 0;  // a value the list no longer has
      });
      apply();
    }

    controls.forEach(function (c) {
      c.addEventListener(c === query ? "input" : "change", function () { apply(); save(); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", restore);
    searchAll.addEventListener("click", function () {
      var toggle = document.getElementById("__search"), input = document.querySelector(".md-search__input");
      if (!toggle || !input) return;
      toggle.checked = true;
      input.value = query.value.trim();
      input.focus();
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    restore();
  }

  function init() {
    var form = document.getElementById("loc-thu-tuc");
    if (!form || form.hasAttribute("data-loc")) return;
    form.setAttribute("data-loc", "");
    if (window.cchc) setup(form); else form.hidden = true;  // cchc.js missing: no dead controls
  }

  /* cchc.js comes later in the page: deferred scripts run in order, both before DOMContentLoaded */
  if (window.cchc) init(); else document.addEventListener("DOMContentLoaded", init);
}());

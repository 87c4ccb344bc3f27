/*
 * cchc-site: filter for the procedure list (loaded by that page only). Without JavaScript the
 * whole list is shown. Text matches without diacritics (đ→d); group, lĩnh vực and online level
 * narrow the list; a live region announces the count ("12/163 thủ tục").
 */
(function () {
  "use strict";

  var MARKS = /[\u0300-\u036f]/g;
  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  window.cchcFold = fold;

  function text(el) { return (el.textContent || "").replace(/\s+/g, " ").trim(); }
  function withoutCount(label) { return label.replace(/\s*\(\d+( thủ tục)?\)$/, ""); }

  function option(select, value, label) {
    var el = document.createElement("option");
    el.value = value;
    el.textContent = label;
    select.appendChild(el);
  }

  function field(form, id, label, control) {
    var wrap = document.createElement("div");
    var lab = document.createElement("label");
    wrap.className = "loc-thu-tuc__truong";
    lab.htmlFor = id;
    lab.textContent = label;
    control.id = id;
    wrap.appendChild(lab);
    wrap.appendChild(control);
    form.appendChild(wrap);
    return control;
  }

  function setupFilter(anchor) {
    var article = anchor.closest("article") || document.body;
    var rows = [], groups = [], fields = [], levels = [];
    var group = null, section = null;
    article.querySelectorAll("h2[data-nhom], h3, tbody tr").forEach(function (el) {
      if (el.tagName === "H2") {
        group = { el: el, key: el.getAttribute("data-nhom"), label: withoutCount(text(el)), rows: [] };
        groups.push(group);
      } else if (el.tagName === "H3" && group) {
        section = { el: el, label: withoutCount(text(el)), rows: [], table: null };
        if (fields.indexOf(section.label) < 0) fields.push(section.label);
        group.sections = (group.sections || []).concat([section]);
      } else if (el.tagName === "TR" && section) {
        var cells = el.querySelectorAll("td");
        var level = cells.length > 2 ? text(cells[2]) : "";
        if (levels.indexOf(level) < 0) levels.push(level);
        var row = { el: el, group: group.key, field: section.label, level: level,
                    key: fold([text(cells[0]), cells.length > 1 ? text(cells[1]) : "", section.label].join(" ")) };
        section.table = el.closest(".md-typeset__scrollwrap") || el.closest("table");
        section.rows.push(row);
        group.rows.push(row);
        rows.push(row);
      }
    });
    if (!rows.length) return;

    var form = document.createElement("form");
    form.className = "loc-thu-tuc";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Lọc danh sách thủ tục");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var query = field(form, "loc-tu-khoa", "Tìm theo tên hoặc mã (gõ có dấu hoặc không dấu)", document.createElement("input"));
    query.type = "search";
    query.autocomplete = "off";
    query.placeholder = "VD: dang ky khai sinh";
    var byGroup = field(form, "loc-nhom", "Nhóm", document.createElement("select"));
    option(byGroup, "", "Tất cả nhóm");
    groups.forEach(function (g) { option(byGroup, g.key, g.label); });
    var byField = field(form, "loc-linh-vuc", "Lĩnh vực", document.createElement("select"));
    option(byField, "", "Tất cả lĩnh vực");
    fields.slice().sort(function (a, b) { return a.localeCompare(b, "vi"); })
      .forEach(function (f) { option(byField, f, f); });
    var byLevel = field(form, "loc-truc-tuyen", "Dịch vụ trực tuyến", document.createElement("select"));
    option(byLevel, "", "Tất cả");
    levels.forEach(function (l) { option(byLevel, l, l); });
    var count = document.createElement("p");
    count.className = "loc-thu-tuc__dem";
    count.id = "loc-dem";
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    form.appendChild(count);
    anchor.appendChild(form);

    function apply() {
      var words = fold(query.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!byGroup.value || row.group === byGroup.value) &&
                 (!byField.value || row.field === byField.value) &&
                 (!byLevel.value || row.level === byLevel.value) &&
                 words.every(function (w) { return row.key.indexOf(w) >= 0; });
        row.el.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (g) {
        var any = false;
        (g.sections || []).forEach(function (s) {
          var visible = s.rows.some(function (r) { return !r.el.hidden; });
          s.el.hidden = !visible;
          if (s.table) s.table.hidden = !visible;
          any = any || visible;
        });
        g.el.hidden = !any;
      });
      count.textContent = shown + "/" + rows.length + " thủ tục";
    }
    [query, byGroup, byField, byLevel].forEach(function (control) {
      control.addEventListener("input", apply);
      control.addEventListener("change", apply);
    });
    apply();
  }

  function init() {
    var anchor = document.getElementById("loc-thu-tuc");
    if (anchor && !anchor.hasChildNodes()) setupFilter(anchor);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());

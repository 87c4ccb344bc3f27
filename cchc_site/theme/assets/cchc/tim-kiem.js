/*
 * cchc-site search, loaded by cchc.js the first time a reader opens the search box; the index
 * (search/search_index.json, written by the search plugin) is fetched at the same moment.
 *
 * Matching is done on the spelling key of cchc.js (no marks, đ → d, i/y alike), so «dang ky ket
 * hon», «ĐĂNG KÝ KẾT HÔN», decomposed (NFD) keyboards and codes («1.000894») all find their page.
 * Ranking, per field (a page's title counts ten times its text, a section's heading six):
 *  - every query word must occur in the page (title or text); the last one may be unfinished;
 *  - a word written with the same marks as in the page scores above a folded match («bản sao»
 *    ranks «bản sao» above «ban», «bán»);
 *  - query words that stand next to each other in the page, in the same order, score by the
 *    square of the run's length: the phrase outranks the same words scattered;
 *  - a title that is the whole query scores highest; of two titles with the phrase, the shorter.
 * Results use the theme's markup, so they look as the theme draws them; nothing from the index
 * is inserted as markup (text nodes and <mark> elements only).
 */
(function () {
  "use strict";

  var cchc = window.cchc;
  var WORD = /[\p{L}\p{M}\p{N}]+(?:[.,]\p{N}+)*/gu;
  var TITLE = 10;       // a page's title, against 1 for its text
  var HEADING = 6;      // a section's heading: the page's own title ranks first
  var SHOWN = 20;
  var index = null;
  var loading = null;

  function siteRoot() {
    var own = document.querySelector("script[src$='assets/cchc/cchc.js']");
    return own ? own.src.replace(/assets\/cchc\/cchc\.js(\?.*)?$/, "") : "/";
  }

  /* words of a text, with their offsets: "Đăng ký" → [{w: "đăng", k: "dang", at: 0}, …] */
  function field(raw) {
    var textNfc = raw.normalize("NFC");
    var words = [];
    var found;
    WORD.lastIndex = 0;
    while ((found = WORD.exec(textNfc)) !== null) {
      var w = found[0].toLowerCase();
      words.push({ w: w, k: cchc.key(w), at: found.index, end: found.index + found[0].length });
    }
    var keys = new Map();
    words.forEach(function (word, i) {
      if (!keys.has(word.k)) keys.set(word.k, []);
      keys.get(word.k).push(i);
    });
    return { text: textNfc, words: words, keys: keys };
  }

  function plain(html) {
    var spaced = String(html || "").replace(/<[^>]*>/g, " ");
    var parsed = new DOMParser().parseFromString(spaced, "text/html");
    return (parsed.documentElement.textContent || "").replace(/\s+/g, " ").trim();
  }

  function prepare(json) {
    var pages = new Map();
    json.docs.forEach(function (doc) {
      var page = doc.location.split("#")[0];
      var entry = {
        location: doc.location, page: page, boost: doc.boost || 1,
        title: field(plain(doc.title)), body: field(plain(doc.text))
      };
      if (!pages.has(page)) pages.set(page, { title: null, docs: [] });
      var group = pages.get(page);
      if (doc.location === page) group.title = entry.title.text;
      group.docs.push(entry);
    });
    return pages;
  }

  function load() {
    if (!loading) {
      loading = fetch(siteRoot() + "search/search_index.json")
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (json) { index = prepare(json); return index; });
    }
    return loading;
  }

  /* query words: [{w, k, last}] */
  function parse(query) {
    var words = field(query).words;
    return words.map(function (word, i) { return { w: word.w, k: word.k, last: i === words.length - 1 }; });
  }

  /* where one query word occurs in a field, and how well: 3 same marks, 2 same key, 1 unfinished */
  function occurrences(f, q, allowPrefix) {
    var at = f.keys.get(q.k);
    var best = 0;
    var positions = new Set();
    if (at) {
      at.forEach(function (i) {
        positions.add(i);
        best = Math.max(best, f.words[i].w === q.w ? 3 : 2);
      });
    }
    if (allowPrefix && q.last) {
      f.keys.forEach(function (list, k) {
        if (k !== q.k && k.indexOf(q.k) === 0) {
          list.forEach(function (i) { positions.add(i); });
          best = Math.max(best, 1);
        }
      });
    }
    return { best: best, positions: positions };
  }

  function scoreField(f, query, weight, allowPrefix) {
    var found = query.map(function (q) { return occurrences(f, q, allowPrefix); });
    var score = 0;
    found.forEach(function (o) { score += o.best * weight; });
    var runs = new Map();
    var longest = 0;
    found.forEach(function (o, qi) {
      var next = new Map();
      o.positions.forEach(function (p) {
        var run = (qi > 0 && runs.has(p - 1)) ? runs.get(p - 1) + 1 : 1;
        next.set(p, run);
        longest = Math.max(longest, run);
      });
      runs = next;
    });
    if (longest >= 2) score += longest * longest * 4 * weight;
    if (query.length >= 2 && longest === query.length) score += 10 * weight;
    if (longest === query.length && f.words.length === query.length) score += 20 * weight;
    if (longest) score += 4 * weight * longest / f.words.length;  // of two titles, the one more about it
    return { score: score, found: found };
  }

  function scoreDoc(doc, query) {
    var title = scoreField(doc.title, query, doc.location === doc.page ? TITLE : HEADING, true);
    var body = scoreField(doc.body, query, 1, true);
    var words = [];
    query.forEach(function (q, i) { if (title.found[i].best || body.found[i].best) words.push(i); });
    return { doc: doc, words: words, score: (title.score + body.score) * doc.boost };
  }

  function search(query) {
    var scored = [];
    index.forEach(function (group, page) {
      var docs = group.docs.map(function (doc) { return scoreDoc(doc, query); })
        .filter(function (s) { return s.words.length > 0; });
      if (!docs.length) return;
      var matched = new Set();
      docs.forEach(function (s) { s.words.forEach(function (i) { matched.add(i); }); });
      docs.sort(function (a, b) { return b.score - a.score; });
      scored.push({ page: page, title: group.title, docs: docs, matched: matched.size, score: docs[0].score });
    });
    var whole = scored.filter(function (s) { return s.matched === query.length; });
    var chosen = whole.length ? whole : scored;  // no page has every word: the closest ones
    chosen.sort(function (a, b) { return b.matched - a.matched || b.score - a.score; });
    return chosen;
  }

  /* -- drawing the results (theme markup, text nodes only) ---------------------------------- */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hit(word, query) {
    return query.some(function (q) { return word.k === q.k || (q.last && word.k.indexOf(q.k) === 0); });
  }

  /* f's text from word `from` to word `to`, matched words in <mark> */
  function marked(f, from, to, query) {
    var out = document.createDocumentFragment();
    if (!f.words.length) {
      out.appendChild(document.createTextNode(f.text));
      return out;
    }
    var start = from > 0 ? f.words[from].at : 0;
    var end = to < f.words.length - 1 ? f.words[to].end : f.text.length;
    var cursor = start;
    if (from > 0) out.appendChild(document.createTextNode("… "));
    for (var i = from; i <= to; i += 1) {
      var word = f.words[i];
      if (!hit(word, query)) continue;
      out.appendChild(document.createTextNode(f.text.slice(cursor, word.at)));
      out.appendChild(el("mark", "", f.text.slice(word.at, word.end)));
      cursor = word.end;
    }
    out.appendChild(document.createTextNode(f.text.slice(cursor, end)));
    if (to < f.words.length - 1) out.appendChild(document.createTextNode(" …"));
    return out;
  }

  function snippet(f, query) {
    var first = f.words.findIndex(function (word) { return hit(word, query); });
    var from = Math.max(0, first - 8);
    return marked(f, from, Math.min(f.words.length - 1, from + 32), query);
  }

  function article(doc, heading, query, root) {
    var link = el("a", "md-search-result__link");
    link.href = root + doc.location;
    var box = el("article", "md-search-result__article md-typeset");
    var title = el(heading);
    title.appendChild(marked(doc.title, 0, doc.title.words.length - 1, query));
    box.appendChild(title);
    if (doc.body.words.length) {
      var text = el("p");
      text.appendChild(snippet(doc.body, query));
      box.appendChild(text);
    }
    link.appendChild(box);
    return link;
  }

  function render(result, list, meta, query, raw) {
    var root = siteRoot();
    list.textContent = "";
    if (!result.length) {
      meta.textContent = "";
      meta.appendChild(document.createTextNode("Không tìm thấy kết quả cho «" + raw + "». Xem "));
      var all = el("a", "", "danh sách thủ tục hành chính");
      all.href = root + "thu-tuc/?q=" + encodeURIComponent(raw);  // the list filters by the query
      meta.appendChild(all);
      meta.appendChild(document.createTextNode("."));
      return;
    }
    meta.textContent = result.length === 1 ? "1 kết quả" : result.length + " kết quả";
    result.slice(0, SHOWN).forEach(function (found) {
      var item = el("li", "md-search-result__item");
      var top = found.docs.find(function (s) { return s.doc.location === found.page; }) || found.docs[0];
      if (top.doc.location !== found.page && found.title) {
        // the best match is a section: the page's title first, then the section
        var pageDoc = { location: found.page, title: field(found.title), body: field("") };
        item.appendChild(article(pageDoc, "h1", query, root));
        item.appendChild(article(top.doc, "h2", query, root));
      } else {
        item.appendChild(article(top.doc, "h1", query, root));
      }
      var more = found.docs.filter(function (s) { return s !== top; }).slice(0, 5);
      if (more.length) {
        var details = el("details", "md-search-result__more");
        var summary = el("summary");
        summary.appendChild(el("div", "", "Thêm " + more.length + " mục trong trang này"));
        details.appendChild(summary);
        more.forEach(function (s) { details.appendChild(article(s.doc, "h2", query, root)); });
        item.appendChild(details);
      }
      list.appendChild(item);
    });
  }

  /* -- the search box ----------------------------------------------------------------------- */
  function start(input) {
    if (input.dataset.cchcSearch) return;
    input.dataset.cchcSearch = "1";
    var output = document.querySelector(".md-search-result");
    var meta = output.querySelector(".md-search-result__meta");
    var list = output.querySelector(".md-search-result__list");
    var toggle = document.getElementById("__search");

    function run() {
      var raw = input.value.trim();
      if (!raw) {
        list.textContent = "";
        meta.textContent = "Gõ tên thủ tục, mã thủ tục hoặc nội dung cần tìm (có dấu hay không dấu đều được).";
        return;
      }
      if (!index) {
        meta.textContent = "Đang tải chỉ mục tìm kiếm…";
        return;
      }
      var query = parse(raw);
      render(query.length ? search(query) : [], list, meta, query, raw);
    }

    function links() { return Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link")); }

    input.addEventListener("input", run);
    input.addEventListener("focus", function () { if (toggle) toggle.checked = true; });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = links()[0];
      if (first) first.click();
    });
    input.form.addEventListener("reset", function () { setTimeout(run, 0); });
    output.parentNode.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var all = links();
      var at = all.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next >= 0 && next < all.length) { all[next].focus(); event.preventDefault(); }
      if (next < 0) { input.focus(); event.preventDefault(); }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && links().length) { links()[0].focus(); event.preventDefault(); }
    });
    // (Escape closes the search: cchc.js handles it for every panel)
    if (toggle && document.activeElement === input) toggle.checked = true;  // not if the reader moved on
    run();
    load().then(run, function () {
      meta.textContent = "Không tải được chỉ mục tìm kiếm. Xem danh sách thủ tục hành chính ở mục «Thủ tục hành chính».";
    });
  }

  cchc.search = { start: start, load: load, parse: parse, run: function (query) {
    return load().then(function () { return search(parse(query)); });
  } };
}());

/*
 * cchc-site search, loaded by cchc.js the first time a reader opens the search box; the index
 * (search/search_index.json, written by the search plugin) and the everyday words
 * (du-lieu/tu-dong-nghia.json, from cchc_site/mau/tu-dong-nghia.yaml and the commune's own
 * content/tu-dong-nghia.yaml) are fetched at the same moment, never before.
 *
 * Matching is done on the spelling key of cchc.js (no marks, đ → d, i/y alike), so «dang ky ket
 * hon», «ĐĂNG KÝ KẾT HÔN», decomposed (NFD) keyboards and codes («1.000894») all find their page.
 * Ranking, per field (a page's title counts ten times its text, a section's heading six, the text of
 * a procedure's documents section, «Thành phần hồ sơ», three: the names of the papers to bring):
 *  - every query word must occur in the page (title or text), or every word of one of its variants
 *    (below); the last one may be unfinished;
 *  - a word written with the same marks as in the page scores above a folded match («bản sao»
 *    ranks «bản sao» above «ban», «bán»);
 *  - query words that stand next to each other in the page, in the same order, score by the
 *    square of the run's length: the phrase outranks the same words scattered;
 *  - a title that is the whole query scores highest, then a title that starts with the query (the
 *    query is the head of the name, what the procedure does: «Chứng thực …» before «Cấp bản sao có
 *    chứng thực …»); of these names, whatever follows the head only says on what, so their length
 *    is no measure: «chung thuc» finds «Chứng thực bản sao …» before the shorter «Chứng thực di chúc»;
 *  - where the query stands further on in a name, it qualifies it with the rest: the more of the
 *    name it is, the more the name is about it («tam vang»: «Khai báo tạm vắng» before «Đăng ký
 *    nghĩa vụ quân sự tạm vắng»);
 *  - of matches equally good, the page the site lists first ranks first (procedures in the order of
 *    the commune's list, where each lĩnh vực opens with its most requested procedure).
 * Everyday words: when the query holds a phrase of the list (whole words, on the same key, longest
 * first), the query is also searched with that phrase replaced by each term it stands for («sổ đỏ» →
 * «quyền sử dụng đất», «cccd» → «căn cước công dân»). A page scores its best over the query as typed
 * and these variants, each score taken as a share of the best its own words can score (a title that
 * is exactly them: a variant of more words does not win by its length), a variant's share at 0.95
 * for a phrase's first term, 0.01 less for each later one (an equal match of the words as typed
 * ranks first, then the term written first); a term's words never count as written with the same
 * marks. Results mark the words of the variant that found them.
 * Results use the theme's markup, so they look as the theme draws them; nothing from the index
 * is inserted as markup (text nodes and <mark> elements only).
 */
(function () {
  "use strict";

  var cchc = window.cchc;
  var WORD = /[\p{L}\p{M}\p{N}]+(?:[.,]\p{N}+)*/gu;
  var TITLE = 10;       // a page's title, against 1 for its text
  var HEADING = 6;      // a section's heading: the page's own title ranks first
  var DOCUMENTS = 3;    // the text of a procedure's documents section: above other text, below a heading
  var DOCUMENT_SECTIONS = ["thanh-phan-ho-so", "ho-so-can-chuan-bi"];  // its anchor; its older «Hồ sơ cần chuẩn bị»
  var ALIAS = 0.95;     // a phrase replaced by its first term, against 1 as typed (0.01 less for each later term)
  var VARIANTS = 16;    // at most, the query as typed included
  var ALIASES = "du-lieu/tu-dong-nghia.json";  // addresses.SEARCH_ALIASES
  var SHOWN = 20;
  var index = null;
  var aliases = [];
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
      var section = doc.location.slice(page.length + 1);
      var entry = {
        location: doc.location, page: page, boost: doc.boost || 1,
        textWeight: DOCUMENT_SECTIONS.indexOf(section) >= 0 ? DOCUMENTS : 1,
        title: field(plain(doc.title)), body: field(plain(doc.text))
      };
      if (!pages.has(page)) pages.set(page, { title: null, docs: [], order: pages.size, keys: new Set() });
      var group = pages.get(page);
      if (doc.location === page) group.title = entry.title.text;
      group.docs.push(entry);
      [entry.title, entry.body].forEach(function (f) { f.keys.forEach(function (_, k) { group.keys.add(k); }); });
    });
    return pages;
  }

  /* The everyday words, longest phrase first: [{words: ["so", "do"], terms: [[{w, k, last}], …]}] */
  function prepareAliases(json) {
    var byPhrase = new Map();
    ((json && json.tu_dong_nghia) || []).forEach(function (entry) {
      var terms = (entry.thuat_ngu || []).map(function (term) {
        // a term's words are matched on the key only: never "written with the same marks"
        return parse(term).map(function (q) { return { w: "", k: q.k, last: false }; });
      }).filter(function (term) { return term.length; });
      (entry.tu || []).forEach(function (phrase) {
        var words = parse(phrase).map(function (q) { return q.k; });
        var key = words.join(" ");
        if (!words.length) return;
        if (!byPhrase.has(key)) byPhrase.set(key, { words: words, terms: [], seen: new Set([key]) });
        var alias = byPhrase.get(key);
        terms.forEach(function (term) {
          var termKey = term.map(function (q) { return q.k; }).join(" ");
          if (!alias.seen.has(termKey)) { alias.seen.add(termKey); alias.terms.push(term); }
        });
      });
    });
    return Array.from(byPhrase.values())
      .filter(function (alias) { return alias.terms.length; })
      .sort(function (a, b) { return b.words.length - a.words.length; });
  }

  function fetchJson(address) {
    return fetch(siteRoot() + address).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
  }

  function load() {
    if (!loading) {
      // without the everyday words the search still works, on the words as typed
      var words = fetchJson(ALIASES).then(prepareAliases, function () { return []; });
      loading = Promise.all([fetchJson("search/search_index.json"), words])
        .then(function (both) { index = prepare(both[0]); aliases = both[1]; return index; });
    }
    return loading;
  }

  /* query words: [{w, k, last}] */
  function parse(query) {
    var words = field(query).words;
    return words.map(function (word, i) { return { w: word.w, k: word.k, last: i === words.length - 1 }; });
  }

  /* The query as typed, then each everyday phrase in it (whole words, longest first, left to right)
     replaced by each term it stands for: [{query, factor}] */
  function variants(query) {
    var out = [{ query: [], factor: 1 }];
    var from = 0;
    function extend(words, factor) {
      return function (v) { return { query: v.query.concat(words), factor: v.factor * factor }; };
    }
    for (var i = 0; i < query.length;) {
      var found = null;
      for (var a = 0; a < aliases.length && !found; a += 1) {
        var words = aliases[a].words;
        var here = i;
        if (here + words.length <= query.length &&
            words.every(function (k, j) { return query[here + j].k === k; })) found = aliases[a];
      }
      if (!found) { i += 1; continue; }
      var before = query.slice(from, i), typed = query.slice(i, i + found.words.length);
      var next = out.map(extend(before.concat(typed), 1));
      found.terms.forEach(function (term, t) {
        next = next.concat(out.map(extend(before.concat(term), ALIAS - t / 100)));
      });
      out = next.slice(0, VARIANTS);
      i += found.words.length;
      from = i;
    }
    return out.map(extend(query.slice(from), 1)).map(function (v) {
      // scores are taken against the best the variant's words can score (a title that is exactly
      // them): a variant of more words does not outrank by its length alone
      var own = field(v.query.map(function (q) { return q.w || q.k; }).join(" "));
      return { query: v.query, factor: v.factor / (scoreField(own, v.query, TITLE, false, true).score || 1) };
    });
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

  /* a field's score; `name`: a title or heading, where the query's place and share also count */
  function scoreField(f, query, weight, allowPrefix, name) {
    var found = query.map(function (q) { return occurrences(f, q, allowPrefix); });
    var score = 0;
    found.forEach(function (o) { score += o.best * weight; });
    var runs = new Map();
    var longest = 0;
    var first = false;  // the whole query is where the field starts
    found.forEach(function (o, qi) {
      var next = new Map();
      o.positions.forEach(function (p) {
        var run = (qi > 0 && runs.has(p - 1)) ? runs.get(p - 1) + 1 : 1;
        next.set(p, run);
        longest = Math.max(longest, run);
        if (run === query.length && p === run - 1) first = true;
      });
      runs = next;
    });
    if (longest >= 2) score += longest * longest * 4 * weight;
    if (query.length >= 2 && longest === query.length) score += 10 * weight;
    if (!name) return { score: score, found: found };
    if (longest === query.length && f.words.length === query.length) score += 20 * weight;
    else if (first) score += 5 * weight;  // the name starts with it: of such names, none is more about it
    else if (longest) score += 4 * weight * longest / f.words.length;  // further on: the more of the name, the more about it
    return { score: score, found: found };
  }

  function scoreDoc(doc, query) {
    var title = scoreField(doc.title, query, doc.location === doc.page ? TITLE : HEADING, true, true);
    var body = scoreField(doc.body, query, doc.textWeight, true, false);
    var words = [];
    query.forEach(function (q, i) { if (title.found[i].best || body.found[i].best) words.push(i); });
    return { doc: doc, words: words, score: (title.score + body.score) * doc.boost };
  }

  /* one page against one variant of the query, or null when no word of it is there */
  function scorePage(group, page, variant) {
    var query = variant.query;
    var docs = group.docs.map(function (doc) { return scoreDoc(doc, query); })
      .filter(function (s) { return s.words.length > 0; });
    if (!docs.length) return null;
    var matched = new Set();
    docs.forEach(function (s) { s.words.forEach(function (i) { matched.add(i); }); });
    docs.sort(function (a, b) { return b.score - a.score; });
    return {
      page: page, title: group.title, order: group.order, docs: docs, query: query,
      whole: matched.size === query.length, share: matched.size / query.length,
      score: docs[0].score * variant.factor
    };
  }

  /* a page has every word of some variant, or (when no page has) the most of them; then the score */
  function better(a, b) {
    if (a.whole !== b.whole) return a.whole ? -1 : 1;
    return b.share - a.share || b.score - a.score || a.order - b.order;
  }

  /* whether a query word is somewhere in a page (the last one may be unfinished) */
  function has(group, q) {
    if (group.keys.has(q.k)) return true;
    var begun = false;
    if (q.last) group.keys.forEach(function (_, k) { begun = begun || k.indexOf(q.k) === 0; });
    return begun;
  }

  function search(query) {
    var all = variants(query);
    var best = new Map();
    var candidates = [];  // per page, the variants it has the most words of: [group, page, share, variants]
    var whole = false;  // some page has every word of a variant
    index.forEach(function (group, page) {
      var top = { share: 0, variants: [] };
      all.forEach(function (variant) {
        var share = variant.query.filter(function (q) { return has(group, q); }).length / variant.query.length;
        if (share > top.share) top = { share: share, variants: [variant] };
        else if (share && share === top.share) top.variants.push(variant);
      });
      if (top.share) candidates.push([group, page, top.share, top.variants]);
      whole = whole || top.share === 1;
    });
    candidates.forEach(function (c) {
      if (whole && c[2] < 1) return;  // only pages with every word are shown: only they are scored
      c[3].forEach(function (variant) {
        var found = scorePage(c[0], c[1], variant);
        var known = best.get(c[1]);
        if (found && (!known || better(found, known) < 0)) best.set(c[1], found);
      });
    });
    var chosen = Array.from(best.values());  // no page has every word of a variant: the closest ones
    chosen.sort(better);
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

  function render(result, list, meta, raw) {
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
      var query = found.query;  // the words that found it: as typed, or a variant's terms
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
      render(query.length ? search(query) : [], list, meta, raw);
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

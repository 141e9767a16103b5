// helpgen search: loads the index shards of this page's language on demand, as script
// files, so it works from any static host and from file://. No dependencies.
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var box = document.getElementById("search-results");
  var form = input && input.form;
  if (!input || !box || !form) { return; }
  var base = input.getAttribute("data-index");     // e.g. ../../_helpgen/search/nl/
  var root = input.getAttribute("data-root");      // e.g. ../../
  var labels = { none: input.getAttribute("data-none") || "No results for" };
  form.hidden = false;

  var api = window.helpgenSearch = window.helpgenSearch || {};
  var terms = {}, docs = {}, meta = null, pending = {};
  api.t = function (key, data) { terms[key] = data; done("t-" + key); };
  api.d = function (n, rows) { docs[n] = rows; done("d-" + n); };
  api.m = function (m) { meta = m; done("meta"); };

  function done(name) {
    var waiters = pending[name] || [];
    delete pending[name];
    waiters.forEach(function (w) { w(); });
  }
  // Loads base + name + ".js" once; resolves even when the file does not exist.
  var loaded = {};
  function load(name) {
    return new Promise(function (resolve) {
      if (loaded[name] === true) { resolve(); return; }
      (pending[name] = pending[name] || []).push(resolve);
      if (loaded[name]) { return; }
      loaded[name] = "loading";
      var s = document.createElement("script");
      s.src = base + name + ".js";
      s.async = true;
      s.onload = function () { loaded[name] = true; done(name); };
      s.onerror = function () { loaded[name] = true; done(name); };
      document.head.appendChild(s);
    });
  }
  function key(word) {
    var k = "";
    Array.from(word).slice(0, (meta && meta.prefix) || 2).forEach(function (c) {
      k += /[a-z0-9]/i.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    });
    return k;
  }
  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(function (w) {
      var n = Array.from(w).length;
      return n >= 2 && n <= 40;
    });
  }

  // The stems a query word stands for: its own stem when the site has the word, and the
  // stems of site words starting with it (a word still being typed, compounds).
  function stemsOf(word, last) {
    var shard = terms[key(word)] || { v: {}, p: {} };
    var out = {};
    if (shard.v[word]) { out[shard.v[word]] = 1; }
    if (shard.p[word]) { out[word] = 1; }
    // An inflected form the site does not use: try the word without its last letters
    // ("licenties" → "licentie").
    for (var cut = 1; cut <= 2 && !Object.keys(out).length; cut++) {
      var shorter = Array.from(word).slice(0, -cut).join("");
      if (Array.from(shorter).length >= 4 && shard.v[shorter]) { out[shard.v[shorter]] = 0.8; }
    }
    if (last || !Object.keys(out).length) {
      var n = 0;
      for (var w in shard.v) {
        if (w.lastIndexOf(word, 0) === 0 && w !== word) {
          out[shard.v[w]] = out[shard.v[w]] || 0.6;
          if (++n >= 24) { break; }
        }
      }
    }
    return out;
  }
  function postings(stem) {
    var shard = terms[key(stem)];
    return (shard && shard.p[stem]) || [];
  }

  var seq = 0;
  function search(query) {
    var my = ++seq;
    var stop = (meta && meta.stop) || [];
    var qwords = words(query).filter(function (w) { return stop.indexOf(w) < 0; });
    if (!qwords.length) { show([], query); return; }
    load("meta").then(function () {
      // Which word shards to load depends on meta.prefix.
      return Promise.all(qwords.map(function (w) { return load("t-" + key(w)); }));
    }).then(function () {
      var stemSets = qwords.map(function (w, i) { return stemsOf(w, i === qwords.length - 1); });
      var second = [];
      stemSets.forEach(function (set) {
        Object.keys(set).forEach(function (s) { second.push("t-" + key(s)); });
      });
      return Promise.all(second.map(load)).then(function () { return stemSets; });
    }).then(function (stemSets) {
      if (my !== seq) { return; }
      var score = {}, hits = {};
      stemSets.forEach(function (set, qi) {
        var best = {};
        Object.keys(set).forEach(function (stem) {
          var p = postings(stem);
          for (var i = 0; i + 1 < p.length; i += 2) {
            var s = p[i + 1] * set[stem];
            if (!(best[p[i]] >= s)) { best[p[i]] = s; }
          }
        });
        Object.keys(best).forEach(function (d) {
          score[d] = (score[d] || 0) + best[d];
          hits[d] = (hits[d] || 0) + 1;
        });
      });
      // Pages matching every word first, then by score.
      var ids = Object.keys(score).map(Number).sort(function (a, b) {
        return (hits[b] - hits[a]) || (score[b] - score[a]) || (a - b);
      }).slice(0, 10);
      var size = (meta && meta.shard) || 50;
      var needed = {};
      ids.forEach(function (d) { needed["d-" + Math.floor(d / size)] = 1; });
      Promise.all(Object.keys(needed).map(load)).then(function () {
        if (my !== seq) { return; }
        var stems = [];
        stemSets.forEach(function (set) { stems = stems.concat(Object.keys(set)); });
        show(ids.map(function (d) {
          var rows = docs[Math.floor(d / size)] || [];
          return rows[d % size];
        }).filter(Boolean), query, qwords.concat(stems));
      });
    });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  // A snippet around the first match, with every word that starts like a query word marked.
  function snippet(text, marks) {
    var lower = text.toLowerCase();
    var at = -1;
    marks.forEach(function (m) {
      var i = lower.indexOf(m);
      if (i >= 0 && (at < 0 || i < at)) { at = i; }
    });
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    var piece = (start > 0 ? "… " : "") + text.slice(start, start + 200) + (text.length > start + 200 ? " …" : "");
    var html = escapeHtml(piece);
    var pattern = marks.filter(function (m) { return m.length > 1; })
      .map(function (m) { return m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); })
      .sort(function (a, b) { return b.length - a.length; }).join("|");
    if (!pattern) { return html; }
    return html.replace(new RegExp("(^|[^\\p{L}\\p{N}])((?:" + pattern + ")[\\p{L}\\p{N}]*)", "giu"), "$1<mark>$2</mark>");
  }

  var active = -1;
  function show(results, query, marks) {
    active = -1;
    box.textContent = "";
    if (!query.trim()) { box.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
    if (!results.length) {
      var none = document.createElement("p");
      none.className = "search-none";
      none.textContent = labels.none + " “" + query + "”";
      box.appendChild(none);
    }
    results.forEach(function (r, i) {
      var a = document.createElement("a");
      a.className = "search-result";
      a.id = "search-result-" + i;
      a.setAttribute("role", "option");
      a.href = root + r[1];
      a.innerHTML = "<span class=\"search-title\">" + escapeHtml(r[0]) + "</span>" +
        (r[2] ? "<span class=\"search-crumbs\">" + escapeHtml(r[2]) + "</span>" : "") +
        "<span class=\"search-snippet\">" + snippet(r[3] || "", marks || []) + "</span>";
      box.appendChild(a);
    });
    box.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function move(step) {
    var items = box.querySelectorAll(".search-result");
    if (!items.length) { return; }
    active = (active + step + items.length) % items.length;
    items.forEach(function (el, i) { el.classList.toggle("active", i === active); });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 120);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Escape") { input.value = ""; show([], ""); }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var items = box.querySelectorAll(".search-result");
    var target = items[active >= 0 ? active : 0];
    if (target) { location.href = target.href; }
  });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target) && !box.contains(e.target)) { box.hidden = true; }
  });
  input.addEventListener("focus", function () { if (box.childNodes.length && input.value) { box.hidden = false; } });
  // "/" focuses the search box, as on many documentation sites.
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input && !/input|textarea/i.test(document.activeElement.tagName)) {
      e.preventDefault();
      input.focus();
    }
  });
})();

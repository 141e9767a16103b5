// helpgen default theme: navigation toggle, tab groups, active heading. No dependencies;
// every feature works without this file (the first tab shows, the sidebar is a list).
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  // Sidebar toggle on narrow screens.
  var toggle = document.querySelector(".nav-toggle");
  if (toggle && document.getElementById("sidebar")) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = root.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && root.classList.contains("nav-open")) {
        root.classList.remove("nav-open");
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }
  var current = document.querySelector('.sidebar a[aria-current="page"]');
  if (current && current.scrollIntoView) {
    current.scrollIntoView({ block: "center" });
  }

  // DocFX tab groups: selecting a tab selects the same tab in every group on the page
  // and shows dependent tabs (data-condition) of the selected one.
  var STORE = "helpgen.tabs";
  function selected() {
    try { return JSON.parse(localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }
  function remember(ids) {
    try { localStorage.setItem(STORE, JSON.stringify(ids.slice(-8))); } catch (e) { /* private mode */ }
  }
  function groups() { return Array.prototype.slice.call(document.querySelectorAll(".tabGroup")); }
  function tabsOf(group) { return Array.prototype.slice.call(group.querySelectorAll(':scope > ul > li > a[role="tab"]')); }
  function panelOf(tab) { return document.getElementById(tab.getAttribute("aria-controls")); }
  function visible(tab, chosen) {
    var cond = tab.getAttribute("data-condition");
    return !cond || chosen.indexOf(cond) >= 0;
  }
  function apply(chosen) {
    groups().forEach(function (group) {
      var tabs = tabsOf(group);
      var shown = tabs.filter(function (t) { return visible(t, chosen); });
      var active = shown.filter(function (t) { return chosen.indexOf(t.getAttribute("data-tab")) >= 0; })[0] || shown[0];
      tabs.forEach(function (tab) {
        var li = tab.parentElement, panel = panelOf(tab), on = tab === active;
        li.hidden = shown.indexOf(tab) < 0;
        if (li.hidden) { li.setAttribute("aria-hidden", "true"); } else { li.removeAttribute("aria-hidden"); }
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        if (panel) {
          panel.hidden = !on;
          if (on) { panel.removeAttribute("aria-hidden"); } else { panel.setAttribute("aria-hidden", "true"); }
        }
      });
    });
  }
  function choose(tab) {
    var id = tab.getAttribute("data-tab");
    var chosen = selected().filter(function (x) { return x !== id; });
    chosen.push(id);
    remember(chosen);
    apply(chosen);
  }
  if (groups().length) {
    var fromHash = location.hash.match(/^#tab\/([^/]+)/);
    var chosen = selected();
    if (fromHash) { chosen.push(decodeURIComponent(fromHash[1])); }
    apply(chosen);
    document.addEventListener("click", function (e) {
      var tab = e.target.closest ? e.target.closest('.tabGroup a[role="tab"]') : null;
      if (!tab) { return; }
      e.preventDefault();
      choose(tab);
      tab.focus();
    });
    document.addEventListener("keydown", function (e) {
      var tab = e.target.closest ? e.target.closest('.tabGroup a[role="tab"]') : null;
      if (!tab || ["ArrowLeft", "ArrowRight", "Home", "End"].indexOf(e.key) < 0) { return; }
      var group = tab.closest(".tabGroup");
      var tabs = tabsOf(group).filter(function (t) { return !t.parentElement.hidden; });
      var i = tabs.indexOf(tab);
      var next = e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : (i + (e.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length;
      e.preventDefault();
      choose(tabs[next]);
      tabs[next].focus();
    });
  }

  // "On this page": mark the heading being read.
  var links = Array.prototype.slice.call(document.querySelectorAll(".on-this-page a"));
  if (links.length && "IntersectionObserver" in window) {
    var byId = {};
    links.forEach(function (a) { byId[decodeURIComponent(a.hash.slice(1))] = a; });
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && byId[entry.target.id]) {
          links.forEach(function (a) { a.classList.remove("active"); });
          byId[entry.target.id].classList.add("active");
        }
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    Object.keys(byId).forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { observer.observe(el); }
    });
  }
})();

// helpgen serve: reloads this page when its source changes and shows the errors of the
// last save. Injected by `helpgen serve` only; never part of a built site.
(function () {
  "use strict";
  var version = 0;
  var here = location.pathname.replace(/index\.html$/, "");

  function overlay(errors) {
    var box = document.getElementById("helpgen-overlay");
    if (!errors.length) {
      if (box) { box.remove(); }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "helpgen-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:99999;max-height:45vh;overflow:auto;" +
        "background:#2b0b0e;color:#ffdede;border:2px solid #f47067;border-radius:.5rem;padding:.8rem 1rem;" +
        "font:13px/1.5 ui-monospace,Consolas,monospace;box-shadow:0 8px 30px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "helpgen: " + errors.length + " error" + (errors.length === 1 ? "" : "s");
    box.appendChild(title);
    errors.forEach(function (e) {
      var line = document.createElement("div");
      line.textContent = e.location + ": " + e.severity + "[" + e.code + "]: " + e.message;
      box.appendChild(line);
    });
  }

  function affects(changed) {
    return changed.some(function (p) {
      return p === "*" || p.replace(/index\.html$/, "") === here || /\.(css|js|png|jpe?g|gif|svg)$/.test(p);
    });
  }

  function poll() {
    fetch("/__helpgen/poll?v=" + version, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (u) {
        var first = version === 0;
        var moved = u.version !== version;
        version = u.version;
        if (!first && moved && affects(u.changed)) {
          location.reload();
          return;
        }
        overlay(u.errors || []);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();

(function () {
  "use strict";
  var root = document.documentElement;
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var units = data.units || {};
  var store = window.sessionStorage;
  function remember(key, value) {
    try { store.setItem("argmap-" + key, value); } catch (e) { /* storage off under file:// in some browsers */ }
  }
  function recall(key) {
    try { return store.getItem("argmap-" + key); } catch (e) { return null; }
  }
  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }
  function activate(el, handler) {
    el.addEventListener("click", handler);
    el.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " " || ev.key === "Spacebar") {
        ev.preventDefault();
        handler(ev);
      }
    });
  }

  // Language: en, zh or both.
  function setLang(lang) {
    root.setAttribute("data-lang", lang);
    all("[data-set-lang]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-set-lang") === lang));
    });
    remember("lang", lang);
  }
  function readingLang() {
    var lang = root.getAttribute("data-lang");
    return lang === "zh" ? "zh" : "en";
  }
  all("[data-set-lang]").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.getAttribute("data-set-lang")); });
  });
  setLang(recall("lang") || root.getAttribute("data-lang") || "en");

  // Type size, for a projector.
  var size = document.getElementById("size-toggle");
  function setLarge(on) {
    root.classList.toggle("large", on);
    if (size) { size.setAttribute("aria-pressed", String(on)); }
    remember("large", on ? "1" : "");
  }
  if (size) {
    size.addEventListener("click", function () { setLarge(!root.classList.contains("large")); });
  }
  setLarge(recall("large") === "1");

  // The map at full size, scrolled in its pane, or fitted to the panel.
  var fit = document.getElementById("fit-toggle");
  if (fit) {
    fit.addEventListener("click", function () {
      var on = fit.closest(".diagrams").classList.toggle("fit");
      fit.setAttribute("aria-pressed", String(on));
    });
  }

  // Selection links text, diagram and list.
  function nodes(id) {
    return all("[data-diagram]").map(function (d) {
      return document.getElementById(d.getAttribute("data-diagram") + "-unit-" + id);
    }).filter(Boolean);
  }
  function marks(id, lang) {
    return all("mark.unit-span").filter(function (m) {
      return m.getAttribute("data-unit") === id && (!lang || m.closest("[lang]").getAttribute("lang") === lang);
    });
  }
  function visible(el) {
    return el && el.getClientRects().length > 0;
  }
  function select(id) {
    all(".selected, .related").forEach(function (el) { el.classList.remove("selected", "related"); });
    var info = units[id];
    if (!info) { return; }
    marks(id).concat(nodes(id)).forEach(function (el) { el.classList.add("selected"); });
    var item = document.getElementById("item-" + id);
    if (item) { item.classList.add("selected"); }
    info.edges.forEach(function (edge) {
      all("[data-diagram]").forEach(function (d) {
        var el = document.getElementById(d.getAttribute("data-diagram") + "-" + edge);
        if (el) { el.classList.add("related"); }
      });
    });
    info.near.forEach(function (other) {
      marks(other).concat(nodes(other)).forEach(function (el) { el.classList.add("related"); });
    });
    remember("unit", id);
  }
  function showPassage(id, lang) {
    var ms = marks(id, lang || readingLang()).filter(visible);
    if (!ms.length) { ms = marks(id).filter(visible); }
    if (ms.length) {
      ms[0].scrollIntoView({ block: "center" });
      ms[0].focus({ preventScroll: true });
    }
  }
  function showNode(id) {
    var n = nodes(id).filter(visible)[0];
    if (n) { n.scrollIntoView({ block: "nearest", inline: "nearest" }); }
  }

  all("mark.unit-span").forEach(function (m) {
    activate(m, function (ev) {
      ev.stopPropagation();
      var id = ev.currentTarget.getAttribute("data-unit");
      var inner = ev.target.closest("mark.unit-span");
      if (inner) { id = inner.getAttribute("data-unit"); }
      select(id);
      showNode(id);
    });
  });
  all("[data-diagram]").forEach(function (d) {
    var lang = d.getAttribute("data-diagram");
    var prefix = lang + "-unit-";
    all("g.node", d).forEach(function (g) {
      if (g.id.indexOf(prefix) !== 0) { return; }
      var id = g.id.slice(prefix.length);
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      var title = g.querySelector("title");
      g.setAttribute("aria-label", (units[id] ? units[id].kind + " " : "") + id);
      if (title) { title.textContent = id; }
      activate(g, function () {
        select(id);
        showPassage(id, lang);
      });
    });
  });
  all("#unit-list a[data-unit]").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      var id = a.getAttribute("data-unit");
      select(id);
      var item = document.getElementById("item-" + id);
      if (item && a.classList.contains("unit-link") === false) {
        item.scrollIntoView({ block: "nearest" });
      }
      showPassage(id);
      showNode(id);
    });
  });

  var last = recall("unit");
  if (last && units[last]) { select(last); }
  var scroll = recall("scroll");
  if (scroll) { window.scrollTo(0, Number(scroll)); remember("scroll", ""); }

  // Live preview: reload when the server has a newer version.
  if (data.live && window.EventSource) {
    var events = new EventSource("/events?v=" + encodeURIComponent(data.version));
    events.addEventListener("reload", function () {
      remember("scroll", String(window.scrollY));
      events.close();
      window.location.reload();
    });
  }
}());

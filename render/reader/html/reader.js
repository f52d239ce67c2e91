(function () {
  "use strict";
  var root = document.documentElement;
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var units = data.units || {};
  var order = data.order || [];
  var disputes = data.disputes || {};
  var rank = {};
  order.forEach(function (key, i) { rank[key] = i; });

  // State that outlives a reload (argmap serve reloads on every save) is
  // kept per page, for the browser tab.
  var store = window.sessionStorage;
  var space = "argmap:" + window.location.pathname + ":";
  function remember(key, value) {
    try { store.setItem(space + key, value); } catch (e) { /* storage off under file:// in some browsers */ }
  }
  function recall(key) {
    try { return store.getItem(space + key); } catch (e) { return null; }
  }
  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }
  function push(index, key, el) {
    (index[key] = index[key] || []).push(el);
  }
  function visible(el) {
    return !!el && el.getClientRects().length > 0;
  }
  function narrow() {
    return window.matchMedia("(max-width: 900px)").matches;
  }

  // What stands for each unit: its marks in the letters, its nodes, its
  // card and its printed passages; and each relation's edges.
  var unitEls = {}, nodeIndex = {}, edgeIndex = {};
  all("[data-unit]:not(a)").forEach(function (el) { push(unitEls, el.getAttribute("data-unit"), el); });
  all(".diagram").forEach(function (d) {
    var prefix = d.getAttribute("data-prefix"), map = d.getAttribute("data-map") || "";
    all("g.node[data-unit]", d).forEach(function (g) { push(nodeIndex, g.getAttribute("data-unit"), g); });
    all("g.edge", d).forEach(function (g) {
      if (g.id.indexOf(prefix) === 0) { push(edgeIndex, map + g.id.slice(prefix.length), g); }
    });
  });
  function marks(key) {
    return (unitEls[key] || []).filter(function (el) { return el.tagName.toLowerCase() === "mark"; });
  }

  // Language mode: one language of the corpus, or all in parallel.
  var modes = all("[data-set-lang]").map(function (b) { return b.getAttribute("data-set-lang"); });
  function setLang(mode) {
    root.setAttribute("data-lang", mode);
    root.setAttribute("lang", mode === "both" ? data.primary : mode);
    all("[data-set-lang]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-set-lang") === mode));
    });
    if (data.titles && data.titles[mode]) { document.title = data.titles[mode]; }
    remember("lang", mode);
    measureBar();
  }
  function readingLang() {
    var mode = root.getAttribute("data-lang");
    return mode === "both" ? data.primary : mode;
  }
  all("[data-set-lang]").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.getAttribute("data-set-lang")); refresh(); });
  });
  var lang = recall("lang");
  setLang(modes.indexOf(lang) >= 0 ? lang : root.getAttribute("data-lang"));

  // The panel stands below the bar, whose height depends on the title's
  // length, the language and the type size.
  var bar = document.querySelector(".bar");
  function measureBar() {
    if (bar) { root.style.setProperty("--bar", bar.getBoundingClientRect().height + "px"); }
  }
  window.addEventListener("resize", measureBar);

  // Type size, for a projector.
  var size = document.getElementById("size-toggle");
  function setLarge(on) {
    root.classList.toggle("large", on);
    if (size) { size.setAttribute("aria-pressed", String(on)); }
    remember("large", on ? "1" : "");
    measureBar();
  }
  if (size) {
    size.addEventListener("click", function () { setLarge(!root.classList.contains("large")); });
  }
  setLarge(recall("large") === "1");

  // The map opens fitted to its panel; the toggle shows it at full size.
  var map = document.getElementById("map");
  var fit = document.getElementById("fit-toggle");
  function setFit(on) {
    if (!map) { return; }
    map.classList.toggle("fit", on);
    fit.setAttribute("aria-pressed", String(on));
    remember("fit", on ? "1" : "0");
  }
  if (fit) {
    fit.addEventListener("click", function () { setFit(!map.classList.contains("fit")); });
  }
  setFit(recall("fit") !== "0");

  // The view: the whole map, or one dispute, whose diagram the panel shows
  // and whose passages alone the letters mark.
  var view = "", inView = null;
  function setView(id) {
    if (data.view) { id = data.view; }
    if (!disputes[id]) { id = ""; }
    view = id;
    inView = null;
    if (id) {
      inView = {};
      disputes[id].forEach(function (key) { inView[key] = true; });
    }
    all(".figure").forEach(function (f) { f.classList.toggle("current", f.getAttribute("data-view") === id); });
    all("button[data-view]").forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === id)); });
    remember("view", id);
  }

  // Exercise: the highlights and the map stay hidden until revealed, a
  // paragraph or a dispute at a time, or all at once.
  var exercise = false, revealed = {};
  var exerciseToggle = document.getElementById("exercise-toggle");
  function setExercise(on) {
    exercise = on;
    root.classList.toggle("exercise", on);
    if (exerciseToggle) { exerciseToggle.setAttribute("aria-pressed", String(on)); }
    remember("exercise", on ? "1" : "0");
  }
  function reveal(keys, on) {
    keys.forEach(function (key) {
      if (on) { revealed[key] = true; } else { delete revealed[key]; }
    });
    remember("revealed", Object.keys(revealed).join(" "));
  }
  if (exerciseToggle) {
    exerciseToggle.addEventListener("click", function () { setExercise(!exercise); refresh(); });
  }
  var revealAll = document.getElementById("reveal-all");
  if (revealAll) {
    revealAll.addEventListener("click", function () { reveal(order, true); refresh(); });
  }
  (recall("revealed") || "").split(" ").forEach(function (key) { if (units[key]) { revealed[key] = true; } });
  var ex = recall("exercise");
  setExercise(ex === null ? !!data.exercise : ex === "1");

  function active(key) {
    return (!inView || !!inView[key]) && (!exercise || !!revealed[key]);
  }

  // refresh applies the view and the exercise to every element of every
  // unit, and sets the tab stops: one per unit in the letters (its first
  // passage in the language read), one in each diagram and list.
  function refresh() {
    Object.keys(unitEls).forEach(function (key) {
      var on = active(key);
      unitEls[key].forEach(function (el) { el.classList.toggle("off", !on); });
    });
    (data.relations || []).forEach(function (r) {
      var on = active(r[1]) && active(r[2]);
      (edgeIndex[r[0]] || []).forEach(function (el) { el.classList.toggle("off", !on); });
    });
    var seen = {};
    all("mark.unit-span.first").forEach(function (m) {
      var key = m.getAttribute("data-unit");
      var on = !m.classList.contains("off");
      if (on) { m.setAttribute("role", "link"); } else { m.removeAttribute("role"); }
      var stop = on && !seen[key] && !m.closest(".repeat") && visible(m);
      m.tabIndex = stop ? 0 : -1;
      if (stop) { seen[key] = true; }
    });
    all("button[data-reveal]").forEach(function (b) {
      var keys = b.getAttribute("data-reveal").split(" ");
      b.setAttribute("aria-pressed", String(keys.every(function (k) { return revealed[k]; })));
    });
    roveAll();
  }

  // Roving tab stops: a diagram, a list of units and the list of disputes
  // are one tab stop each; arrow keys move within them in reading order.
  function nodesOf(scope) {
    return all("g.node[data-unit]:not(.off)", scope).sort(function (a, b) {
      return rank[a.getAttribute("data-unit")] - rank[b.getAttribute("data-unit")];
    });
  }
  function linksOf(scope) {
    return all(".unit-item:not(.off) > .unit-link", scope);
  }
  function viewsOf(scope) {
    return all("button[data-view]", scope);
  }
  var roving = [
    { scopes: all(".diagram"), items: nodesOf },
    { scopes: all(".unit-list"), items: linksOf },
    { scopes: all(".dispute-list"), items: viewsOf }
  ];
  function rove(scope, items, current) {
    var list = items(scope);
    var stop = list.filter(function (el) { return el === current; })[0] ||
      list.filter(function (el) { return el.classList.contains("selected") || el.parentNode.classList.contains("selected") ||
        el.getAttribute("aria-pressed") === "true"; })[0] || list[0];
    all(".unit-link, g.node[data-unit], button[data-view]", scope).forEach(function (el) { el.tabIndex = el === stop ? 0 : -1; });
  }
  function roveAll() {
    roving.forEach(function (r) { r.scopes.forEach(function (s) { rove(s, r.items); }); });
    all(".relations a").forEach(function (a) { a.tabIndex = a.closest(".unit-item.selected") ? 0 : -1; });
  }
  roving.forEach(function (r) {
    r.scopes.forEach(function (scope) {
      scope.addEventListener("keydown", function (ev) {
        var list = r.items(scope);
        var i = list.indexOf(ev.target);
        if (i < 0) { return; }
        var j = { ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1, Home: 0, End: list.length - 1 }[ev.key];
        if (j === undefined) { return; }
        ev.preventDefault();
        var next = list[Math.max(0, Math.min(list.length - 1, j))];
        rove(scope, r.items, next);
        next.focus({ preventScroll: true });
        scrollWithin(paneOf(next), next);
      });
    });
  });

  // Scrolling: the letters scroll the window; the panel's panes scroll on
  // their own, so that showing a node or a card never moves the text.
  function paneOf(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      var style = window.getComputedStyle(p);
      if (/(auto|scroll)/.test(style.overflowY + style.overflowX) && (p.scrollHeight > p.clientHeight || p.scrollWidth > p.clientWidth)) {
        return p;
      }
      if (p.id === "panel") { return null; }
    }
    return null;
  }
  function scrollWithin(pane, el) {
    if (!pane) { return; }
    var b = pane.getBoundingClientRect(), r = el.getBoundingClientRect();
    if (r.top < b.top || r.bottom > b.bottom) {
      pane.scrollTop += (r.top - b.top) - Math.max(0, (b.height - r.height) / 2);
    }
    if (r.left < b.left || r.right > b.right) {
      pane.scrollLeft += (r.left - b.left) - Math.max(0, (b.width - r.width) / 2);
    }
  }

  // Selection links text, diagram and list, and is kept in the address so
  // that a link can be copied.
  var current = null;
  function clearSelection() {
    all(".selected, .related, .matched").forEach(function (el) { el.classList.remove("selected", "related", "matched"); });
    all("[aria-current]").forEach(function (el) { el.removeAttribute("aria-current"); });
  }
  function select(key) {
    clearSelection();
    var info = units[key];
    if (!info) { return; }
    current = key;
    (unitEls[key] || []).forEach(function (el) {
      el.classList.add("selected");
      el.setAttribute("aria-current", "true");
    });
    info.edges.forEach(function (edge) {
      (edgeIndex[edge] || []).forEach(function (el) { el.classList.add("related"); });
    });
    info.near.forEach(function (other) {
      (unitEls[other] || []).forEach(function (el) { if (el.tagName.toLowerCase() !== "li") { el.classList.add("related"); } });
    });
    if (info.match) {
      (unitEls[info.match] || []).forEach(function (el) { el.classList.add("matched"); });
    }
    remember("unit", key);
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + encodeURIComponent(key).replace(/%3A/g, ":"));
    }
    roveAll();
  }

  // show brings a selected unit into view: its passage (unless the reader
  // is at it), its node in the map pane, and its card, beside them on a
  // wide screen or under the passage on a narrow one.
  function show(key, from, at) {
    var passage = at;
    if (from !== "text") {
      passage = passageOf(key);
      if (passage) {
        passage.scrollIntoView({ block: "center" });
        if (from !== "node") { passage.focus({ preventScroll: true }); }
      }
    }
    if (narrow()) {
      if (passage && from !== "node-narrow") { showCard(key, passage); }
      return;
    }
    var node = (nodeIndex[key] || []).filter(visible)[0];
    if (node) { scrollWithin(paneOf(node), node); }
    var item = document.getElementById("item-" + key);
    if (item) { scrollWithin(paneOf(item), item); }
  }
  function passageOf(key) {
    var ms = marks(key).filter(function (m) { return m.classList.contains("first") && visible(m) && !m.classList.contains("off"); });
    var own = ms.filter(function (m) { return !m.closest(".repeat"); });
    var inLang = own.filter(function (m) { return m.closest("[lang]").getAttribute("lang") === readingLang(); });
    return inLang[0] || own[0] || ms[0] || null;
  }

  // The card in the text, for phones: it opens over the text just under the
  // line tapped (above it when there is more room there), with the unit's
  // relations, and the page does not move unless the card would not fit.
  var card = null;
  function showCard(key, passage) {
    var item = document.getElementById("item-" + key);
    var para = passage.closest(".para");
    if (!item || !para) { return; }
    if (!card) {
      card = document.createElement("div");
      card.className = "inline-card";
      card.setAttribute("role", "region");
    }
    card.textContent = "";
    var tools = document.getElementById("card-tools");
    if (tools) { card.appendChild(tools.content.cloneNode(true)); }
    var copy = item.cloneNode(true);
    copy.removeAttribute("id");
    all("[id]", copy).forEach(function (el) { el.removeAttribute("id"); });
    all("a", copy).forEach(function (a) { a.tabIndex = 0; });
    copy.classList.remove("off");
    var summary = copy.querySelector(".summary");
    if (summary) {
      summary.id = "inline-card-title";
      card.setAttribute("aria-labelledby", "inline-card-title");
    }
    var list = document.createElement("ul");
    list.className = "unit-list";
    list.appendChild(copy);
    card.appendChild(list);
    para.appendChild(card);
    var box = para.getBoundingClientRect();
    var line = passage.getClientRects();
    var first = line[0], last = line[line.length - 1];
    var height = card.getBoundingClientRect().height;
    var below = window.innerHeight - last.bottom, above = first.top;
    if (below < height + 8 && above > below) {
      card.style.top = (first.top - box.top - height - 6) + "px";
    } else {
      card.style.top = (last.bottom - box.top + 6) + "px";
    }
    var r = card.getBoundingClientRect();
    if (r.bottom > window.innerHeight || r.top < 0) {
      card.scrollIntoView({ block: "nearest" });
    }
  }
  function closeCard() {
    if (card && card.parentNode) {
      var para = card.parentNode;
      para.removeChild(card);
      var m = current && para && para.querySelector('mark.unit-span[data-unit="' + current + '"]');
      if (m) { m.focus({ preventScroll: true }); }
    }
  }

  // A paragraph named in the address (#DOC:N) is marked and shown.
  function selectParagraph(ref) {
    var paras = all(".para").filter(function (p) { return p.getAttribute("data-ref") === ref; });
    if (!paras.length) { return false; }
    clearSelection();
    paras.forEach(function (p) {
      p.classList.add("selected");
      p.setAttribute("aria-current", "true");
    });
    var first = paras.filter(function (p) { return !p.closest(".repeat"); })[0] || paras[0];
    first.scrollIntoView({ block: "start" });
    first.focus({ preventScroll: true });
    return true;
  }

  // The address: #UNIT-ID, #DOC:N or #DOC:ROLE, #dispute:ID.
  function fromAddress() {
    var h = window.location.hash.slice(1);
    try { h = decodeURIComponent(h); } catch (e) { return false; }
    if (!h) { return false; }
    if (h.indexOf("dispute:") === 0 && disputes[h.slice(8)]) {
      setView(h.slice(8));
      refresh();
      return true;
    }
    if (units[h]) {
      if (inView && !inView[h]) { setView(""); }
      if (exercise && !revealed[h]) { reveal([h], true); }
      refresh();
      select(h);
      show(h, "address");
      return true;
    }
    if (selectParagraph(h)) { return true; }
    if (disputes[h]) {
      setView(h);
      refresh();
      return true;
    }
    return false;
  }

  // Clicks and keys, handled once for the whole page.
  function innermostActive(target) {
    return target.closest("mark.unit-span:not(.off)");
  }
  function onActivate(ev) {
    var t = ev.target;
    if (t.closest(".skip")) {
      ev.preventDefault();
      var stop = all(".figure.current g.node[tabindex='0']").filter(visible)[0];
      (stop || map).focus();
      return true;
    }
    var close = t.closest(".inline-card .close");
    if (close) { closeCard(); return true; }
    var toMap = t.closest(".inline-card .to-map");
    if (toMap) {
      ev.preventDefault();
      var node = current && (nodeIndex[current] || []).filter(visible)[0];
      if (node) {
        node.scrollIntoView({ block: "center" });
        node.focus({ preventScroll: true });
      }
      return true;
    }
    var a = t.closest("a[data-unit]");
    if (a) {
      ev.preventDefault();
      var key = a.getAttribute("data-unit");
      if (inView && !inView[key]) { setView(""); refresh(); }
      select(key);
      show(key, a.closest(".inline-card") ? "card" : "list");
      return true;
    }
    var m = innermostActive(t);
    if (m) {
      select(m.getAttribute("data-unit"));
      show(m.getAttribute("data-unit"), "text", m);
      return true;
    }
    var g = t.closest("g.node[data-unit]");
    if (g && !g.classList.contains("off")) {
      select(g.getAttribute("data-unit"));
      show(g.getAttribute("data-unit"), narrow() ? "node-narrow" : "node");
      return true;
    }
    var r = t.closest("button[data-reveal]");
    if (r) {
      var keys = r.getAttribute("data-reveal").split(" ");
      reveal(keys, !keys.every(function (k) { return revealed[k]; }));
      refresh();
      return true;
    }
    var v = t.closest("button[data-view]");
    if (v) {
      setView(v.getAttribute("data-view"));
      refresh();
      if (view) {
        var first = disputes[view].map(passageOf).filter(Boolean)[0];
        if (first) { first.scrollIntoView({ block: "center" }); }
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", "#dispute:" + encodeURIComponent(view));
        }
      }
      return true;
    }
    return false;
  }
  document.addEventListener("click", onActivate);
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " " && ev.key !== "Spacebar") { return; }
    var t = ev.target;
    if (t.closest("button, a[href]")) { return; } // they click by themselves
    if (t.matches("mark.unit-span, g.node[data-unit]") && onActivate(ev)) { ev.preventDefault(); }
  });
  window.addEventListener("hashchange", fromAddress);

  setView(data.view || recall("view") || "");
  refresh();
  if (!fromAddress()) {
    var last = recall("unit");
    if (last && units[last]) { select(last); }
  }
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

// dxready serve: optional help for the question pages. The pages work without it; with it,
// questions shown only for some answers (show_if) appear and disappear as the page is filled
// in, and an exclusive choice ("none of these") clears the other ticks and the other way round.
// The server checks everything again when the page is sent.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live]");
  if (!form) { return; }
  var lang = form.getAttribute("data-lang") || "en";
  var gated = Array.prototype.slice.call(form.querySelectorAll("[data-show-if]"));

  function box(id) { return document.getElementById("q-" + id); }

  // The values a question's inputs hold now; none when the question is hidden.
  function values(id) {
    var b = box(id);
    if (!b || b.hidden) { return []; }
    var out = [];
    var inputs = b.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      if (el.name !== id) { continue; }
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) { out.push(el.value); }
      } else if (el.value.trim() !== "") {
        out.push(el.value.trim());
      }
    }
    return out;
  }

  function number(s) {
    var t = s.replace(/[\s'_]/g, "");
    if (lang === "vi") {
      if (/^\d{1,3}(\.\d{3})+$/.test(t)) { t = t.replace(/\./g, ""); }
      else if (t.indexOf(",") >= 0) { t = t.replace(/\./g, "").replace(",", "."); }
    } else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) {
      t = t.replace(/,/g, "");
    }
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? parseFloat(t) : NaN;
  }

  function holds(c) {
    if (Object.prototype.hasOwnProperty.call(c, "c")) { return c.c; }
    if (c.all) { return c.all.every(holds); }
    if (c.any) { return c.any.some(holds); }
    if (c.not) { return !holds(c.not); }
    var v = values(c.q);
    if (c.answered !== undefined) { return (v.length > 0) === c.answered; }
    if (c.is) { return v.length === 1 && c.is.indexOf(v[0]) >= 0; }
    if (c.has !== undefined) { return v.indexOf(c.has) >= 0; }
    if (c.ge !== undefined) { return v.length === 1 && number(v[0]) >= c.ge; }
    if (c.le !== undefined) { return v.length === 1 && number(v[0]) <= c.le; }
    if (c.within) { return v.length === 1 && v[0] >= c.within[0] && v[0] <= c.within[1]; }
    return true;
  }

  // In page order: a question's gate is always earlier, so one pass settles them all.
  function update() {
    for (var i = 0; i < gated.length; i++) {
      var el = gated[i];
      var cond;
      try { cond = JSON.parse(el.getAttribute("data-show-if")); } catch (e) { continue; }
      el.hidden = !holds(cond);
      var note = el.querySelector(".only-if");
      if (note) { note.hidden = true; }
    }
  }

  function exclusive(e) {
    var t = e.target;
    if (!t || t.type !== "checkbox" || !t.checked) { return; }
    var b = box(t.name);
    if (!b) { return; }
    var boxes = b.querySelectorAll("input[type=checkbox]");
    var isExclusive = t.hasAttribute("data-exclusive");
    for (var i = 0; i < boxes.length; i++) {
      var other = boxes[i];
      if (other === t) { continue; }
      if (isExclusive || other.hasAttribute("data-exclusive")) { other.checked = false; }
    }
  }

  form.addEventListener("change", function (e) { exclusive(e); update(); });
  form.addEventListener("input", update);
  update();
}());

(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var filters = document.getElementById("filters");
  function values(attr) {
    var seen = {};
    items.forEach(function (li) { seen[li.getAttribute(attr)] = true; });
    return Object.keys(seen).sort();
  }
  var families = values("data-family");
  // Severities worst first, as the summary bar counts them, not in alphabetical order.
  var severities = ["error", "warning", "info"].filter(function (v) { return values("data-severity").indexOf(v) >= 0; });
  function caption(text) {
    var span = document.createElement("span");
    span.className = "caption";
    span.textContent = text;
    filters.appendChild(span);
  }
  function box(kind, value) {
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "checkbox"; input.checked = true;
    input.dataset.kind = kind; input.value = value;
    input.addEventListener("change", apply);
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + value));
    filters.appendChild(label);
  }
  caption("Severity:");
  severities.forEach(function (v) { box("severity", v); });
  caption("Rule family:");
  families.forEach(function (v) { box("family", v); });
  function allowed() {
    var on = { family: {}, severity: {} };
    filters.querySelectorAll("input").forEach(function (i) { if (i.checked) on[i.dataset.kind][i.value] = true; });
    return on;
  }
  function apply() {
    var on = allowed(), shown = 0;
    document.querySelectorAll("[data-family]").forEach(function (el) {
      var visible = on.family[el.getAttribute("data-family")] && on.severity[el.getAttribute("data-severity")];
      el.classList.toggle("hidden", !visible);
      if (visible && el.matches("li.finding")) shown++;
    });
    // A finding filtered out stops being the current one, in the panel and the text.
    if (document.querySelector("li.finding.current.hidden")) {
      document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    }
    document.querySelectorAll("details.group").forEach(function (g) {
      g.classList.toggle("hidden", !g.querySelector("li.finding:not(.hidden)"));
    });
    document.getElementById("shown").textContent = shown + " of " + items.length + " findings shown";
  }
  window.copydeskApplyFilters = apply;
  var current = -1;
  function go(index) {
    var visible = items.filter(function (li) { return !li.classList.contains("hidden"); });
    if (!visible.length) return;
    current = (index + visible.length) % visible.length;
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    var li = visible[current], id = li.getAttribute("data-target");
    li.classList.add("current");
    li.scrollIntoView({ block: "nearest" });
    document.querySelectorAll('mark[data-f="' + id + '"]').forEach(function (m) { m.classList.add("current"); });
    var anchor = document.getElementById(id);
    if (anchor) anchor.scrollIntoView({ block: "center" });
  }
  document.addEventListener("keydown", function (e) {
    if (e.target && e.target.tagName === "INPUT") return;
    if (e.key === "j" || e.key === "n" || e.key === "ArrowDown") { go(current + 1); e.preventDefault(); }
    if (e.key === "k" || e.key === "p" || e.key === "ArrowUp") { go(current - 1); e.preventDefault(); }
  });
  items.forEach(function (li, i) {
    li.addEventListener("click", function () { go(items.filter(function (x) { return !x.classList.contains("hidden"); }).indexOf(li)); });
  });
  document.querySelectorAll("mark[data-f]").forEach(function (m) {
    m.addEventListener("click", function () {
      var li = document.querySelector('li.finding[data-target="' + m.getAttribute("data-f") + '"]');
      if (li) li.click();
    });
  });
  apply();
})();

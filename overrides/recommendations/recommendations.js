/* The recommendations list's instant filter. Without JavaScript the form stays hidden and the pre-rendered
   pages per status and per dimension do the same job, so this only saves a page load. */
(function () {
  "use strict";
  var form = document.querySelector("[data-changwat-rec-filter]");
  var list = document.querySelector("[data-changwat-rec-list]");
  if (!form || !list) return;
  var rows = Array.prototype.slice.call(list.rows);
  var count = form.querySelector("[data-changwat-rec-count]");
  var template = form.getAttribute("data-result");

  function apply(announce) {
    var dimension = form.elements.dimension.value;
    var status = form.elements.status.value;
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!dimension || row.getAttribute("data-dimension") === dimension) &&
        (!status || row.getAttribute("data-status") === status);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    if (announce) count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
    // Keep the choice in the address so the filtered list can be bookmarked or shared.
    var params = new URLSearchParams();
    if (dimension) params.set("dimension", dimension);
    if (status) params.set("status", status);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  var initial = new URLSearchParams(location.search);
  ["dimension", "status"].forEach(function (name) {
    var value = initial.get(name);
    var select = form.elements[name];
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.value = value;
    }
  });
  form.hidden = false;
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  if (initial.get("dimension") || initial.get("status")) apply(true);
})();

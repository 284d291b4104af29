// Outreach: "add another row" for the visit log's formsets. Without JavaScript the form keeps its blank rows.
(function () {
  "use strict";
  function addRow(prefix) {
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-empty");
    var rows = document.getElementById(prefix + "-rows");
    if (!total || !template || !rows) { return; }
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    var legend = row.querySelector("legend");
    if (legend) { legend.textContent = legend.textContent.trim() + " " + (index + 1); }
    rows.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input, select, textarea");
    if (first) { first.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".js-add-row").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { addRow(button.dataset.prefix); });
    });
  });
})();

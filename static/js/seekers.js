// Seekers: booking form. Without JavaScript the "Show free times" button reloads the page with the slots.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function loadSlots() {
    var form = document.getElementById("booking-form");
    if (!form || !window.htmx) return;
    var booth = form.querySelector("[name=booth]");
    var day = form.querySelector("[name=day]");
    if (!booth || !day || !booth.value || !day.value) return;
    window.htmx.ajax("GET", window.location.pathname, {
      target: "#slots",
      swap: "innerHTML",
      values: { booth: booth.value, day: day.value },
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.closest("#booking-form") && /^(booth|day)$/.test(event.target.name)) loadSlots();
  });
  document.addEventListener("DOMContentLoaded", loadSlots);
})();

// The KRDS layout's behaviour. Every page works without it: the menu then stays open below the header,
// confirmations ask on a page of their own (jobcenter/confirm.py), and a long form shows all its steps one after the other.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // Main menu on a phone: a button opens and closes it.
  function setUpMenu() {
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("main-menu");
    if (!toggle || !menu) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    });
  }

  // Confirmations: a submit button with data-confirm="<dialog id>" opens that KRDS modal first.
  function setUpConfirmations() {
    document.addEventListener("click", function (event) {
      var trigger = event.target.closest("[data-confirm]");
      if (trigger) {
        var field = trigger.getAttribute("data-confirm-field");
        if (field && trigger.form && trigger.form.elements[field]) {
          var values = (trigger.getAttribute("data-confirm-values") || "").split(",");
          if (values.indexOf(trigger.form.elements[field].value) === -1) return;  // nothing to ask about
        }
        var dialog = document.getElementById(trigger.getAttribute("data-confirm"));
        if (!dialog || typeof dialog.showModal !== "function") return;
        event.preventDefault();
        dialog.returnFocusTo = trigger;
        dialog.showModal();
        return;
      }
      var close = event.target.closest("[data-modal-close]");
      if (close) {
        var modal = close.closest("dialog");
        modal.close();
        if (modal.returnFocusTo) modal.returnFocusTo.focus();
        return;
      }
      var accept = event.target.closest("[data-modal-accept]");
      if (accept) {
        var owner = accept.closest("dialog");
        var form = owner.returnFocusTo && owner.returnFocusTo.form;
        owner.close();
        if (form) {
          // Confirmed here, so the server does not ask again on its confirmation page (jobcenter/confirm.py).
          var confirmed = form.querySelector("input[name=confirm]");
          if (!confirmed) {
            confirmed = document.createElement("input");
            confirmed.type = "hidden";
            confirmed.name = "confirm";
            form.appendChild(confirmed);
          }
          confirmed.value = "1";
          form.requestSubmit(owner.returnFocusTo);
        }
      }
    });
  }

  // Long forms in steps: <fieldset data-step> inside <form data-steps>. One step shows at a time; every
  // field stays in the one form, so nothing typed is lost between steps, and the server checks it all.
  function setUpSteps(form) {
    var steps = Array.prototype.slice.call(form.querySelectorAll("[data-step]"));
    var indicator = form.querySelectorAll(".krds-step-wrap li");
    if (steps.length < 2) return;
    form.classList.add("is-stepped");
    var current = 0;
    steps.forEach(function (step, index) {
      if (current === 0 && step.querySelector(".field-error, .form-errors, .row-error, .step-start")) current = index;
    });
    function show(index, focus) {
      current = index;
      steps.forEach(function (step, i) { step.hidden = i !== index; });
      Array.prototype.forEach.call(indicator, function (item, i) {
        item.classList.toggle("active", i === index);
        item.classList.toggle("done", i < index);
        var mark = item.querySelector(".current-step");
        if (mark) mark.hidden = i !== index;
        if (i === index) item.setAttribute("aria-current", "step"); else item.removeAttribute("aria-current");
      });
      form.querySelectorAll("[data-step-prev]").forEach(function (b) { b.hidden = index === 0; });
      form.querySelectorAll("[data-step-next]").forEach(function (b) { b.hidden = index === steps.length - 1; });
      form.querySelectorAll("[data-step-submit]").forEach(function (b) { b.hidden = index !== steps.length - 1; });
      if (focus) {
        var legend = steps[index].querySelector("legend, h2");
        if (legend) { legend.setAttribute("tabindex", "-1"); legend.focus(); }
      }
    }
    form.addEventListener("click", function (event) {
      if (event.target.closest("[data-step-next]")) {
        event.preventDefault();
        var fields = steps[current].querySelectorAll("input, select, textarea");
        for (var i = 0; i < fields.length; i++) {
          if (!fields[i].checkValidity()) { fields[i].reportValidity(); return; }
        }
        show(current + 1, true);
      } else if (event.target.closest("[data-step-prev]")) {
        event.preventDefault();
        show(current - 1, true);
      }
    });
    // A field the browser refuses on submit may sit in a hidden step: show that step first.
    form.addEventListener("invalid", function (event) {
      var step = event.target.closest("[data-step]");
      if (step && step.hidden) show(steps.indexOf(step), false);
    }, true);
    show(current, false);
  }

  // KRDS date input: a text field (jobcenter.widgets.KrdsDateInput) that takes a typed or pasted date; here it
  // gains the calendar button, which opens the browser's own date picker and writes the date as 2027-01-05.
  function setUpDateInput(input) {
    if (input.dataset.dateReady) return;
    input.dataset.dateReady = "1";
    var picker = document.createElement("input");
    picker.type = "date";
    if (picker.type !== "date" || typeof picker.showPicker !== "function") return;
    picker.className = "date-picker-native";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "krds-btn medium icon date-picker-button";
    button.innerHTML = '<span class="sr-only"></span>';
    button.firstChild.textContent = input.getAttribute("data-picker-label") || "Calendar";
    button.addEventListener("click", function () {
      picker.value = /^\d{4}-\d{2}-\d{2}$/.test(input.value.trim()) ? input.value.trim() : "";
      try { picker.showPicker(); } catch (error) { input.focus(); }
    });
    picker.addEventListener("change", function () {
      if (!picker.value) return;
      input.value = picker.value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.focus();
    });
    input.parentNode.appendChild(button);
    input.parentNode.appendChild(picker);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-date-input]").forEach(setUpDateInput);
    document.body.addEventListener("htmx:load", function (event) {
      event.detail.elt.querySelectorAll("input[data-date-input]").forEach(setUpDateInput);
    });
    setUpMenu();
    setUpConfirmations();
    document.querySelectorAll("form[data-steps]").forEach(setUpSteps);
    // After a refused submit the summary of errors takes the focus, so it is read first.
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
})();

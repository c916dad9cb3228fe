/* Changwat service forms without a page reload, and the cookie-free visit counter.
   Forms marked data-changwat-form already work without this file (plain POST, 303 to a thank-you page);
   this only posts them with fetch and shows the service's answer in place. No framework, no third party.
   Include once per page: <script src="…/changwat-forms.js" data-service="https://service.example" defer></script> */
(function () {
  "use strict";
  var script = document.currentScript;
  var service = script && script.getAttribute("data-service");

  function errorBox(form, input) {
    var id = input.id + "-error";
    return document.getElementById(id);
  }

  function clearErrors(form) {
    var boxes = form.querySelectorAll(".cw-error");
    for (var i = 0; i < boxes.length; i++) { boxes[i].textContent = ""; boxes[i].hidden = true; }
    var invalid = form.querySelectorAll("[aria-invalid]");
    for (var j = 0; j < invalid.length; j++) { invalid[j].removeAttribute("aria-invalid"); }
    var summary = form.querySelector(".cw-summary");
    if (summary) { summary.textContent = ""; summary.hidden = true; }
  }

  function showErrors(form, data) {
    var first = null;
    Object.keys(data.errors || {}).forEach(function (name) {
      var field = form.elements[name];
      var input = field && (field.length && !field.tagName ? field[0] : field);
      if (!input) { return; }
      var box = errorBox(form, input) || form.querySelector("#" + input.id.replace(/-[^-]+$/, "") + "-error");
      if (!box && input.closest) {
        var group = input.closest("fieldset");
        box = group && group.querySelector(".cw-error");
      }
      if (box) { box.textContent = data.errors[name]; box.hidden = false; }
      input.setAttribute("aria-invalid", "true");
      if (!first) { first = input; }
    });
    var summary = form.querySelector(".cw-summary");
    if (summary && data.message) {
      var p = document.createElement("p");
      p.textContent = data.message;
      summary.appendChild(p);
      summary.hidden = false;
    }
    if (first) { first.focus(); } else if (summary) { summary.focus(); }
  }

  function paragraph(text) {
    var p = document.createElement("p");
    p.textContent = text;
    return p;
  }

  // A question or complaint: the receipt goes to the top of the form, as on the thank-you page of the plain POST
  // (templates/thanks.html, same classes): the tracking code first, on one line, and focus moves to it, so that a
  // screen reader starts with "tracking code: C-…" and a phone scrolls to it instead of staying at the button.
  function showReceipt(form, data) {
    var old = form.querySelector(".cw-done");
    if (old) { old.parentNode.removeChild(old); }
    var done = document.createElement("div");
    done.className = "cw-done";
    var receipt = document.createElement("p");
    receipt.className = "cw-receipt";
    receipt.tabIndex = -1;
    var label = document.createElement("span");
    label.className = "cw-receipt__label";
    label.textContent = data.code_label + ":";
    var code = document.createElement("strong");
    code.className = "cw-receipt__code";
    code.setAttribute("translate", "no");
    code.textContent = data.code;
    receipt.appendChild(label);
    receipt.appendChild(document.createTextNode(" "));
    receipt.appendChild(code);
    done.appendChild(receipt);
    done.appendChild(paragraph(data.message || ""));
    if (data.next_step) { done.appendChild(paragraph(data.next_step)); }
    if (data.status_url) {
      var a = document.createElement("a");
      a.href = data.status_url;
      a.textContent = data.status_link_text || data.status_url;
      var p = document.createElement("p");
      p.appendChild(a);
      done.appendChild(p);
    }
    var summary = form.querySelector(".cw-summary");
    form.insertBefore(done, summary ? summary.nextSibling : form.firstChild);
    receipt.focus();
  }

  function showDone(form, data) {
    if (data.code) {
      showReceipt(form, data);
    } else {
      var status = form.querySelector(".cw-status");
      if (status) { status.textContent = data.message || ""; }
    }
    form.reset();
  }

  // One key per form fill, in a hidden input so that the plain POST after a failed fetch carries the same key:
  // the service then answers with the first post's tracking code instead of storing the case twice.
  function newKey() {
    var c = window.crypto;
    if (c && c.randomUUID) { return c.randomUUID(); }  // only on secure pages (TLS, or this machine)
    if (!c || !c.getRandomValues) { return ""; }
    var bytes = c.getRandomValues(new Uint8Array(16)), hex = "";
    for (var i = 0; i < bytes.length; i++) { hex += (bytes[i] + 256).toString(16).slice(1); }
    return hex;
  }

  function ensureKey(form) {
    var input = form.querySelector("input[name=idempotency_key]");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "idempotency_key";
      form.appendChild(input);
    }
    if (!input.value) { input.value = newKey(); }
  }

  function forgetKey(form) {  // the next fill is a new submission
    var input = form.querySelector("input[name=idempotency_key]");
    if (input) { input.parentNode.removeChild(input); }
  }

  function submit(event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-changwat-form") || !window.fetch || !window.FormData) { return; }
    event.preventDefault();
    ensureKey(form);
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    clearErrors(form);
    // multipart FormData and an Accept header are CORS-safelisted: no preflight round trip.
    fetch(form.action, { method: "POST", body: new FormData(form), headers: { "Accept": "application/json" }, credentials: "omit" })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (data.ok) { forgetKey(form); showDone(form, data); } else { showErrors(form, data); } })
      .catch(function () { form.removeAttribute("data-changwat-form"); form.submit(); })  // fall back to a plain POST
      .then(function () { if (button) { button.disabled = false; } });
  }

  document.addEventListener("submit", submit);

  // Visit counter: the path only. No cookie, no identifier; the service stores a count per day and path.
  if (service && navigator.sendBeacon && !/^(localhost|127\.)/.test(location.hostname)) {
    var body = new URLSearchParams();
    body.set("path", location.pathname);
    navigator.sendBeacon(service.replace(/\/$/, "") + "/api/hit", body);
  }
}());

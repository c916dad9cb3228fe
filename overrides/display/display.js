/* Text size and colour mode controls: remembered in localStorage, applied on every page by the inline
   script in <head> (display/head.html) before the first paint. */
(function () {
  "use strict";
  var root = document.documentElement;
  var toolbar = document.querySelector("[data-changwat-toolbar]");
  if (!toolbar) return;
  var SIZES = [100, 125, 150, 175, 200];
  var SCHEMES = { "default": "default", dark: "slate", "high-contrast": "changwat-contrast" };
  var status = toolbar.querySelector("[data-changwat-status]");
  var value = toolbar.querySelector("[data-changwat-text-value]");

  function store(key, v) {
    try { localStorage.setItem(key, v); } catch (e) { /* private mode: the choice lasts for this page */ }
  }
  function currentSize() {
    var size = parseInt(root.getAttribute("data-changwat-text") || "100", 10);
    return SIZES.indexOf(size) >= 0 ? size : 100;
  }
  function showSize(size, announce) {
    if (size === 100) root.removeAttribute("data-changwat-text");
    else root.setAttribute("data-changwat-text", String(size));
    value.textContent = size + "%";
    toolbar.querySelector('[data-changwat-text="smaller"]').disabled = size === SIZES[0];
    toolbar.querySelector('[data-changwat-text="larger"]').disabled = size === SIZES[SIZES.length - 1];
    if (announce) status.textContent = toolbar.getAttribute("data-text-status").replace("{n}", size);
  }
  function showMode(mode, announce) {
    if (!SCHEMES[mode]) mode = "default";
    root.setAttribute("data-changwat-mode", mode);
    document.body.setAttribute("data-md-color-scheme", SCHEMES[mode]);
    var name = "";
    toolbar.querySelectorAll("[data-changwat-mode]").forEach(function (button) {
      var on = button.getAttribute("data-changwat-mode") === mode;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      if (on) name = button.textContent;
    });
    if (announce) status.textContent = toolbar.getAttribute("data-mode-status").replace("{name}", name);
  }

  toolbar.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var step = button.getAttribute("data-changwat-text");
    if (step) {
      var index = SIZES.indexOf(currentSize());
      var size = step === "reset" ? 100 : SIZES[Math.max(0, Math.min(SIZES.length - 1, index + (step === "larger" ? 1 : -1)))];
      store("changwat-text-size", String(size));
      showSize(size, true);
    }
    var mode = button.getAttribute("data-changwat-mode");
    if (mode) {
      store("changwat-colour-mode", mode);
      showMode(mode, true);
    }
  });

  showSize(currentSize(), false);
  showMode(root.getAttribute("data-changwat-mode") || "default", false);
  toolbar.hidden = false;
})();

/* Copy link: a button that exists only with JavaScript (the share links above it work without). */
(function () {
  "use strict";
  var button = document.querySelector("[data-changwat-copy]");
  if (!button || !navigator.clipboard) return;
  var status = document.querySelector("[data-changwat-copy-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(button.getAttribute("data-changwat-copy")).then(function () {
      status.textContent = button.getAttribute("data-copied");
    });
  });
})();

/* On a phone the display settings fold into one button that opens them as a small panel (changwat.css shows the
   button only on narrow screens; on wider ones the panel is always open). */
(function () {
  "use strict";
  var toolbar = document.querySelector("[data-changwat-toolbar]");
  var panel = toolbar && toolbar.querySelector(".changwat-toolbar__inner");
  if (!panel) return;
  panel.id = panel.id || "changwat-display-panel";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "changwat-toolbar__toggle";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", panel.id);
  button.textContent = toolbar.getAttribute("aria-label");
  toolbar.insertBefore(button, panel);
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    toolbar.classList.toggle("changwat-toolbar--open", open);
  });
})();

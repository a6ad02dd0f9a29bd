// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Remember the browser's time zone so anonymous pages can show times in it.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("tz=" + zone) === -1) {
      document.cookie = "tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (e) { /* older browsers: the server default applies */ }

  // Menus are <details> elements (keyboard-operable without script); script adds the
  // conventions people expect: one menu open at a time, Escape closes, clicking away closes.
  var menus = Array.prototype.slice.call(document.querySelectorAll("[data-menu]"));
  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () {
      if (menu.open) {
        menus.forEach(function (other) { if (other !== menu) { other.open = false; } });
      }
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    });
  });

  // Print buttons (the page works without them: the browser's own Print does the same).
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // On the license form, offer only the chosen state's license types.
  var form = document.querySelector("[data-license-form]");
  if (form) {
    var state = form.querySelector("select[name=state]");
    var type = form.querySelector("select[name=license_type]");
    var stateNames = {};
    Array.prototype.forEach.call(state.options, function (o) { stateNames[o.value] = o.text; });
    var filter = function () {
      var wanted = stateNames[state.value];
      Array.prototype.forEach.call(type.querySelectorAll("optgroup"), function (group) {
        var show = !state.value || group.label === wanted;
        group.hidden = !show;
        group.disabled = !show;
      });
      var selected = type.options[type.selectedIndex];
      if (selected && selected.parentNode.disabled) { type.value = ""; }
    };
    state.addEventListener("change", filter);
    filter();
  }
})();

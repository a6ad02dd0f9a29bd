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

  // Sign-up starts with the browser's own zone chosen, when the list has it.
  Array.prototype.forEach.call(document.querySelectorAll("select[data-browser-zone]"), function (select) {
    try {
      var browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      var bound = select.closest("form") && select.closest("form").querySelector(".errorlist");
      if (browserZone && !bound) {
        Array.prototype.forEach.call(select.options, function (option) {
          if (option.value === browserZone) { select.value = browserZone; }
        });
      }
    } catch (e) { /* the server default stays selected */ }
  });

  // Menus are <details> elements (keyboard-operable without script); script adds the
  // conventions people expect: one menu open at a time, Escape closes, clicking away closes.
  var menus = Array.prototype.slice.call(document.querySelectorAll("[data-menu]"));
  menus.forEach(function (menu) {
    var summary = menu.querySelector("summary");
    summary.setAttribute("aria-expanded", menu.open ? "true" : "false");
    menu.addEventListener("toggle", function () {
      summary.setAttribute("aria-expanded", menu.open ? "true" : "false");
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

  // Disclosures that start closed on phones (the catalog's filters) start open on wide screens.
  if (window.matchMedia && window.matchMedia("(min-width: 861px)").matches) {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (details) {
      details.open = true;
    });
  }

  // A link to a closed section (the license catalog's states) opens it.
  function openTarget() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

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
  // A table or timeline wider than the screen scrolls inside its wrapper; keyboard users need
  // to reach that scroll too, so such a wrapper becomes a focusable region, named by its own
  // label or its table's caption, after the section it is in (names must tell regions apart).
  function markScrollableRegions() {
    var used = {};
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap, .timeline-scroll"), function (wrap) {
      if (wrap.scrollWidth <= wrap.clientWidth + 1) {
        if (wrap.hasAttribute("data-scroll-region")) {
          ["tabindex", "role", "aria-label", "data-scroll-region"].forEach(function (name) {
            wrap.removeAttribute(name);
          });
        }
        return;
      }
      var caption = wrap.querySelector("caption");
      var section = wrap.closest("section");
      var heading = section && section.querySelector("h2, h3");
      var label = wrap.getAttribute("data-scroll-label") || (caption && caption.textContent.trim()) || "Scrollable content";
      if (heading && label.indexOf(heading.textContent.trim()) === -1) {
        label = heading.textContent.trim() + ": " + label;
      }
      used[label] = (used[label] || 0) + 1;
      if (used[label] > 1) { label += " (" + used[label] + ")"; }
      wrap.setAttribute("data-scroll-region", "");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", label);
    });
  }
  markScrollableRegions();
  window.addEventListener("resize", markScrollableRegions);
})();

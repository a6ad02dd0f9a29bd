// The simulated webinar room: tells the server this page is still open, and that it left.
// Without script the room still records the join and the Leave button still works; only the
// heartbeats are missing, so the connection counts as ending shortly after the page loaded.
(function () {
  "use strict";

  var room = document.querySelector("[data-room]");
  if (!room) { return; }

  var heartbeatUrl = room.getAttribute("data-heartbeat-url");
  var leaveUrl = room.getAttribute("data-leave-url");
  var seconds = parseInt(room.getAttribute("data-heartbeat-seconds"), 10) || 15;
  var form = room.querySelector("[data-leave-form]");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var statusBox = room.querySelector("[data-room-status]");
  var timer = null;
  var stopped = false;
  var leaving = false;
  var troubled = false;

  function body(extra) {
    // The CSRF token travels in the body: sendBeacon cannot set request headers.
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    if (extra) { data.append("via", extra); }
    return data;
  }

  // Changes the live region only when the state changes, so screen readers are not
  // interrupted every heartbeat.
  function say(text, kind, rejoin) {
    statusBox.className = "message message-" + kind;
    statusBox.textContent = "";
    var p = document.createElement("p");
    p.textContent = text + " ";
    if (rejoin) {
      var a = document.createElement("a");
      a.href = window.location.pathname;
      a.textContent = "Rejoin";
      p.appendChild(a);
    }
    statusBox.appendChild(p);
  }

  function stop() {
    stopped = true;
    if (timer !== null) { window.clearInterval(timer); timer = null; }
  }

  function beat() {
    if (stopped) { return; }
    fetch(heartbeatUrl, {
      method: "POST", body: body(), credentials: "same-origin", redirect: "manual",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (response.status === 204) {
        if (troubled) { troubled = false; say("Connected again.", "success", false); }
        return;
      }
      stop();
      if (response.type === "opaqueredirect") {
        say("You were signed out, so this page stopped counting your attendance.", "error", true);
      } else if (response.status === 410) {
        response.json().then(function (refusal) {
          var ended = refusal.code === "connection_ended";
          say(refusal.message, ended ? "error" : "warning", ended);
        }, function () { say("You have been disconnected.", "error", true); });
      } else {
        say("You have been disconnected.", "error", true);
      }
    }, function () {
      // Offline for a moment: keep trying; the server decides when the silence was too long.
      if (!troubled) {
        troubled = true;
        say("Connection problem: trying to reach the room again…", "warning", false);
      }
    });
  }

  // Mark the schedule's current part, as the server did when the page loaded.
  var phase = room.querySelector("[data-room-phase]");
  var liveBadge = room.querySelector("[data-live-badge]");
  var segments = Array.prototype.slice.call(room.querySelectorAll("[data-segment]"));
  function showPhase() {
    var now = Date.now();
    var current = "before";
    if (segments.length && now >= Date.parse(segments[0].getAttribute("data-start"))) {
      current = "ended";
    }
    segments.forEach(function (row) {
      var on = now >= Date.parse(row.getAttribute("data-start")) &&
        now < Date.parse(row.getAttribute("data-end"));
      row.querySelector("[data-now-badge]").hidden = !on;
      if (on) { current = row.getAttribute("data-kind"); }
    });
    phase.textContent = phase.getAttribute("data-text-" + current);
    liveBadge.hidden = current !== "session";
  }

  form.addEventListener("submit", function () { leaving = true; stop(); });

  window.addEventListener("pagehide", function () {
    if (leaving) { return; }
    stop();
    navigator.sendBeacon(leaveUrl, body("beacon"));
  });

  // A page restored from the back/forward cache already said goodbye: load it afresh to join.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { window.location.reload(); }
  });

  // Background tabs run timers late; catch up as soon as the page is visible again.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { beat(); showPhase(); }
  });

  showPhase();
  timer = window.setInterval(function () { beat(); showPhase(); }, seconds * 1000);
})();

// Upload progress for attendance reports. Progressive enhancement: without this file (or
// without XHR upload events) the form posts normally and the server answers the same way.
(function () {
  "use strict";

  var form = document.querySelector("[data-upload-form]");
  if (!form || !window.FormData || !window.DOMParser) { return; }
  var probe = new XMLHttpRequest();
  if (!("upload" in probe)) { return; }

  function part(selector) { return form.querySelector(selector); }

  function setBusy(busy) {
    var button = part("button[type=submit]");
    if (button) { button.disabled = busy; }
    var box = part("[data-upload-progress-box]");
    if (box) { box.hidden = !busy; }
  }

  function say(text) {
    var status = part("[data-upload-status]");
    if (status) { status.textContent = text; }
  }

  // The server answered with the page again (the file was refused): show its form, with the
  // error next to the file field, and its messages, without leaving the page.
  function showAnswer(html) {
    var answer = new DOMParser().parseFromString(html, "text/html");
    var freshForm = answer.querySelector("[data-upload-form]");
    if (!freshForm) { return false; }
    form.innerHTML = freshForm.innerHTML;
    var main = document.querySelector("main");
    var oldMessages = main && main.querySelector(".messages");
    var newMessages = answer.querySelector("main .messages");
    if (oldMessages) { oldMessages.parentNode.removeChild(oldMessages); }
    if (main && newMessages) { main.insertBefore(document.importNode(newMessages, true), main.firstChild); }
    var invalid = form.querySelector("[aria-invalid=true]");
    if (invalid) { invalid.focus(); }
    return true;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    var progress = part("[data-upload-progress]");
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable || !progress) { return; }
      progress.max = e.total;
      progress.value = e.loaded;
      say("Uploading: " + Math.round((100 * e.loaded) / e.total) + "%");
    });
    xhr.upload.addEventListener("load", function () {
      // Reading and matching a large report takes a moment after the last byte arrives.
      if (progress) { progress.removeAttribute("value"); }
      say("Uploaded. Reading the report…");
    });
    xhr.addEventListener("load", function () {
      setBusy(false);
      var landed = (xhr.responseURL || "").split("#")[0];
      if (xhr.status === 200 && landed && landed !== form.action) {
        // Redirected to the preview: go there.
        window.location.assign(landed);
        return;
      }
      if (xhr.status === 200 && showAnswer(xhr.responseText)) { return; }
      // Anything unexpected: let the browser post the form itself and show the answer.
      HTMLFormElement.prototype.submit.call(form);
    });
    xhr.addEventListener("error", function () {
      setBusy(false);
      HTMLFormElement.prototype.submit.call(form);
    });
    var data = new FormData(form);
    setBusy(true);
    say("Uploading…");
    xhr.send(data);
  });
})();

// Live updates over Server-Sent Events: new events and revisions appear without a reload.
// The pages work without this script; it only applies what the server already rendered.
(function () {
  "use strict";
  if (!window.EventSource) { return; }
  var eventId = document.body.getAttribute("data-event-id");
  var list = document.getElementById("events");
  var stream = new EventSource("/live");
  // A page whose stream is lost says so (the browser retries); once it is back, the page is
  // loaded again, since what was published meanwhile did not reach it.
  var banner = document.createElement("p");
  banner.className = "offline";
  banner.setAttribute("role", "status");
  banner.textContent = "Live updates lost: reconnecting. This page may be out of date.";
  banner.hidden = true;
  document.body.insertBefore(banner, document.body.firstChild);
  var lost = false;
  stream.addEventListener("error", function () { lost = true; banner.hidden = false; });
  stream.addEventListener("open", function () { if (lost) { window.location.reload(); } });
  stream.addEventListener("revision", function (message) {
    var data = JSON.parse(message.data);
    if (list) {
      var template = document.createElement("template");
      template.innerHTML = data.row.trim();  // rendered and escaped by the server
      var row = template.content.firstElementChild;
      var old = document.getElementById("ev-" + data.event_id);
      if (old) {
        old.replaceWith(row);
      } else if (list.getAttribute("data-new-rows") === "top") {
        list.insertBefore(row, list.firstElementChild);
        var total = document.getElementById("events-total");
        if (total) {
          var n = Number(total.getAttribute("data-total")) + 1;
          total.setAttribute("data-total", String(n));
          total.textContent = n + (n === 1 ? " event" : " events");
        }
      } else {
        return;  // an older page: a new event belongs on the first page, not here
      }
      row.classList.add("fresh");
      var empty = list.querySelector("tr.empty");
      if (empty) { empty.remove(); }
    }
    if (eventId && eventId === data.event_id) {
      fetch("/events/" + encodeURIComponent(eventId) + "?fragment=1")
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html) { document.getElementById("event").innerHTML = html; } });
    }
  });
})();

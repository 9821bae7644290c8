// Live updates over Server-Sent Events: new events and revisions appear without a reload.
// The pages work without this script; it only applies what the server already rendered,
// and counts on the ages it rendered ("3 min ago"), so that a page left open stays right.
(function () {
  "use strict";

  // Ages count from the server's clock at rendering (`data-now`), not the browser's, which
  // may be wrong; the words are the server's (services/web/app.py: _age, ago, since, next_check, days_ago).
  var renderedAt = Date.parse(document.body.getAttribute("data-now"));
  var loadedAt = Date.now();
  function serverNow() { return renderedAt + (Date.now() - loadedAt); }
  function age(seconds) {
    if (seconds < 60) { return Math.floor(seconds) + " s"; }
    if (seconds < 3600) { return Math.floor(seconds / 60) + " min"; }
    if (seconds < 86400) { return Math.floor(seconds / 3600) + " h"; }
    return Math.floor(seconds / 86400) + " d";
  }
  function tick() {
    if (isNaN(renderedAt)) { return; }
    var now = serverNow();
    document.querySelectorAll("[data-ago]").forEach(function (el) {
      var s = (now - Date.parse(el.getAttribute("data-ago"))) / 1000;
      el.textContent = s < 0 ? "in " + age(-s) : age(s) + " ago";
    });
    document.querySelectorAll("[data-since]").forEach(function (el) {
      var s = (now - Date.parse(el.getAttribute("data-since"))) / 1000;
      el.textContent = s < 0 ? "just now" : age(s) + " ago";
    });
    document.querySelectorAll("[data-next]").forEach(function (el) {
      var late = (now - Date.parse(el.getAttribute("data-next"))) / 1000;
      el.textContent = late < 0 ? "in " + age(-late) : late < 10 ? "due now" : "overdue by " + age(late);
    });
    var today = Math.floor(now / 86400000);  // days since 1970-01-01, in UTC
    document.querySelectorAll("[data-day]").forEach(function (el) {
      var days = Math.max(0, today - Math.floor(Date.parse(el.getAttribute("data-day") + "T00:00:00Z") / 86400000));
      el.textContent = days === 0 ? "today" : days === 1 ? "yesterday" : days + " d ago";
    });
  }
  tick();
  window.setInterval(tick, 30000);

  if (!window.EventSource) { return; }
  var eventId = document.body.getAttribute("data-event-id");
  var list = document.getElementById("events");
  // A page whose stream is lost says so; once it is back, the page is loaded again, since
  // what was published meanwhile did not reach it. The browser retries a dropped connection
  // itself, but gives up for good on an answer that is not the stream (a proxy's 502, a
  // maintenance page's 503): then the page tries again, each time waiting longer, up to 30 s.
  var banner = document.createElement("p");
  banner.className = "offline";
  banner.setAttribute("role", "status");
  banner.textContent = "Live updates lost: reconnecting. This page may be out of date.";
  banner.hidden = true;
  document.body.insertBefore(banner, document.body.firstChild);
  var lost = false;
  var retryMs = 1000;
  // What changed, said once to a screen reader (the rows and the page change silently).
  var announcer = document.createElement("p");
  announcer.className = "announce";
  announcer.setAttribute("aria-live", "polite");
  document.body.appendChild(announcer);

  function onRevision(message) {
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
      var link = row.querySelector("a");
      announcer.textContent = (old ? "Updated: " : "New launch event: ") + (link ? link.textContent : "");
      var empty = list.querySelector("tr.empty");
      if (empty) { empty.remove(); }
    }
    if (eventId && eventId === data.event_id) {
      fetch("/events/" + encodeURIComponent(eventId) + "?fragment=1")
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          document.getElementById("event").innerHTML = html;
          tick();
          var h1 = document.querySelector("#event h1");
          if (h1) { announcer.textContent = "Revision " + data.revision + ": " + h1.textContent; }
        });
    }
  }

  function connect() {
    var stream = new EventSource("/live");
    stream.addEventListener("error", function () {
      lost = true;
      banner.hidden = false;
      if (stream.readyState === EventSource.CLOSED) {
        window.setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 30000);
      }
    });
    stream.addEventListener("open", function () { if (lost) { window.location.reload(); } });
    stream.addEventListener("revision", onRevision);
  }
  connect();
})();

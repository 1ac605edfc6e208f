// Broadcast times in the visitor's own time zone: each <time data-local-time> carries the
// moment in its datetime attribute and shows the broadcaster's time, labelled with its zone,
// until this turns it into the browser's (keeping the broadcaster's as a tooltip).
(function () {
  "use strict";
  var times = document.querySelectorAll("time[data-local-time]");
  if (!times.length || !window.Intl) return;
  var clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
  var weekday = new Intl.DateTimeFormat(undefined, { weekday: "short" });
  var day = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });
  Array.prototype.forEach.call(times, function (time) {
    var stamp = time.getAttribute("datetime");
    var moment = new Date(stamp);
    if (isNaN(moment.getTime())) return;
    time.title = time.textContent + " (broadcast time)";
    // The broadcaster's date leads the datetime; where the visitor's differs, it is named.
    var otherDay = day.format(moment) !== stamp.slice(0, 10);
    time.textContent = clock.format(moment) + (otherDay ? " (" + weekday.format(moment) + ")" : "");
  });
  var note = document.getElementById("time-note");
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (note && zone) {
    note.textContent = "Times are in your time zone, " + zone + ". Point at one for the broadcaster's own.";
  }
})();

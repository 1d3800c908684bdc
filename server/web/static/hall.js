// Live hall for supervisors: connects to /ws as a supervisor (the session
// cookie authenticates), keeps the day's state from the hello reply and the
// events, and redraws the page. Reconnects with backoff. The clerks'
// figures follow the events as shared/hallclient's Mirror folds them; the
// open feedback and the last hour's low ratings come from GET /api/live,
// polled, and at once when a low rating's event arrives.
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root) return;

  var state = null;          // the day's state, as in SPEC 4.3
  // The server's clock: its reading base at the browser's t0, running
  // speed times as fast (above 1 only on a server's -fast-clock).
  var base = Number(root.dataset.now), t0 = Date.now();
  var speed = Number(root.dataset.speed) || 1;
  var alertS = Number(root.dataset.alert) || 0;
  var serviceAlertS = Number(root.dataset.serviceAlert) || 0;
  var ws = null, backoff = 1000, helloN = 0;

  var statusLabels = { open: "Đang mở", paused: "Tạm dừng", closed: "Đóng" };

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function now() { return base + (Date.now() - t0) * speed; }
  function durText(s) {
    s = Math.max(0, Math.floor(s));
    if (s < 60) return s + " giây";
    if (s < 3600) return Math.floor(s / 60) + " phút" + (s % 60 ? " " + (s % 60) + " giây" : "");
    return Math.floor(s / 3600) + " giờ " + Math.floor((s % 3600) / 60) + " phút";
  }
  function since(stamp) { return stamp ? durText((now() - Date.parse(stamp)) / 1000) : ""; }
  function clock(stamp) {
    if (!stamp) return "";
    var m = /T(\d\d:\d\d)/.exec(stamp); // the hall's own offset is in the stamp
    return m ? m[1] : "";
  }
  // pct writes a satisfaction index as the server does: the share of levels
  // 4 and 5, rounded half up to hundredths on the exact fraction, with a
  // decimal comma; "—" with no rating.
  function pct(ratings) {
    var all = 0, good = (ratings[4] || 0) + (ratings[5] || 0);
    for (var l = 1; l <= 5; l++) all += ratings[l] || 0;
    if (!all) return { text: "—", grade: "idx-none", n: 0 };
    var h = Math.floor((20000 * good + all) / (2 * all)), v = h / 100;
    return { text: v.toFixed(2).replace(".", ",") + " %", grade: v >= 80 ? "idx-high" : v >= 50 ? "idx-mid" : "idx-low", n: all };
  }
  function late(t) { return alertS > 0 && (now() - Date.parse(t.issued_at)) / 1000 > alertS; }
  function displayDate(day) { var p = (day || "").split("-"); return p.length === 3 ? p[2] + "/" + p[1] + "/" + p[0] : day; }

  function setConn(on, text) {
    var el = document.getElementById("conn");
    el.dataset.state = on ? "on" : "off";
    el.textContent = text;
  }

  // --- applying events ---------------------------------------------------

  function removeFrom(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].id === id) { list.splice(i, 1); return true; }
    return false;
  }
  function clearCounterTicket(id) {
    state.counters.forEach(function (c) { if (c.ticket && c.ticket.id === id) c.ticket = null; });
  }
  function sortWaiting() {
    // As call_next takes them hall-wide: priority tickets first, then
    // appointment tickets, then by issue order.
    var rank = function (t) { return t.priority ? 0 : t.appointment ? 1 : 2; };
    state.waiting.sort(function (a, b) {
      return rank(a) - rank(b) || (a.order || 0) - (b.order || 0);
    });
  }
  // clerk returns the day's figures of username, adding an empty entry.
  function clerk(username) {
    for (var i = 0; i < state.clerks.length; i++) if (state.clerks[i].username === username) return state.clerks[i];
    var c = { username: username, finished: 0, service_seconds: 0, ratings: [0, 0, 0, 0, 0, 0] };
    state.clerks.push(c);
    return c;
  }
  function rateRecent(id, level) {
    state.recent_calls.forEach(function (t) { if (t.id === id) t.rating = level; });
  }
  function recount() {
    var n = {};
    state.waiting.forEach(function (t) { n[t.service] = (n[t.service] || 0) + 1; });
    state.services.forEach(function (s) { s.waiting = n[s.id] || 0; });
  }

  function apply(ev) {
    var d = ev.data || {}, t = d.ticket;
    if (ev.at) { base = Date.parse(ev.at); t0 = Date.now(); }
    if (ev.seq) state.seq = ev.seq;
    switch (ev.type) {
    case "ticket_issued":
      state.waiting.push(t); sortWaiting();
      state.services.forEach(function (s) { if (s.id === t.service) s.issued = (s.issued || 0) + 1; });
      break;
    case "ticket_called":
      removeFrom(state.waiting, t.id); removeFrom(state.held, t.id);
      clearCounterTicket(t.id);
      state.counters.forEach(function (c) { if (c.id === d.counter) c.ticket = t; });
      removeFrom(state.recent_calls, t.id);
      state.recent_calls.unshift(t);
      state.recent_calls.length = Math.min(state.recent_calls.length, 10);
      break;
    case "ticket_finished":
      clearCounterTicket(t.id);
      if (t.clerk) {
        var cs = clerk(t.clerk), called = Date.parse(t.called_at), done = Date.parse(t.finished_at);
        cs.finished++;
        if (called && done > called) cs.service_seconds += (done - called) / 1000;
      }
      break;
    case "ticket_no_show":
      clearCounterTicket(t.id);
      break;
    case "ticket_rated":
      if (d.rating >= 1 && d.rating <= 5) {
        rateRecent(d.ticket_id, d.rating);
        if (d.clerk) clerk(d.clerk).ratings[d.rating]++;
        if (d.rating <= 2) live();
      }
      break;
    case "rating_changed":
      if (d.rating >= 1 && d.rating <= 5 && d.from >= 1 && d.from <= 5) {
        rateRecent(d.ticket_id, d.rating);
        if (d.clerk) {
          var r = clerk(d.clerk).ratings;
          r[d.from] = Math.max(0, r[d.from] - 1);
          r[d.rating]++;
        }
        if (d.rating <= 2 || d.from <= 2) live();
      }
      break;
    case "hall_updated":
      state.hall = d.hall || state.hall;
      state.services = d.services || [];
      state.counters = d.counters || [];
      takeHall();
      break;
    case "ticket_transferred":
      clearCounterTicket(t.id); removeFrom(state.waiting, t.id);
      state.waiting.push(t); sortWaiting();
      break;
    case "ticket_held":
      clearCounterTicket(t.id); removeFrom(state.held, t.id); state.held.push(t);
      break;
    case "ticket_expired":
      removeFrom(state.waiting, t.id); removeFrom(state.held, t.id);
      break;
    case "counter_updated":
      state.counters = state.counters.map(function (c) { return c.id === d.counter.id ? d.counter : c; });
      break;
    case "day_started":
      // A new day: ask for its state afresh.
      if (ws) ws.close();
      return;
    }
    recount();
    render();
  }

  // --- drawing --------------------------------------------------------------

  // takeHall reads the alert limits of the state's hall.
  function takeHall() {
    if (state.hall && state.hall.wait_alert_s) alertS = state.hall.wait_alert_s;
    if (state.hall && state.hall.service_alert_s) serviceAlertS = state.hall.service_alert_s;
  }

  function rows(id, html, empty, cols) {
    document.querySelector("#" + id + " tbody").innerHTML =
      html || '<tr><td colspan="' + cols + '" class="empty">' + empty + "</td></tr>";
  }

  function counterToday(c) {
    if (!c.clerk) return "";
    var cs = null;
    state.clerks.forEach(function (x) { if (x.username === c.clerk) cs = x; });
    cs = cs || { finished: 0, service_seconds: 0, ratings: [] };
    var mean = cs.finished ? durText(Math.floor(cs.service_seconds / cs.finished + 0.5)) : "—", p = pct(cs.ratings);
    return '<div class="counter-today">Hôm nay: <b class="c-served">' + cs.finished + '</b> đã giải quyết · TB <span class="c-mean">' + esc(mean) +
      '</span> · hài lòng <span class="c-index">' + esc(p.text) + '</span> <span class="c-ratings">(' + p.n + " lượt)</span></div>";
  }
  function servedS(c) { return c.ticket && c.ticket.called_at ? (now() - Date.parse(c.ticket.called_at)) / 1000 : 0; }
  function longServed(c) { return serviceAlertS > 0 && servedS(c) > serviceAlertS; }
  function list(id, lines) {
    var el = document.getElementById(id);
    el.innerHTML = lines.map(function (l) { return '<li class="problem">' + esc(l) + "</li>"; }).join("");
    el.hidden = lines.length === 0;
  }

  function render() {
    if (!state) return;
    document.getElementById("day").textContent = "ngày " + displayDate(state.day);
    var lateN = 0, lateBy = {}, oldest = {};
    state.waiting.forEach(function (t) {
      if (late(t)) { lateN++; lateBy[t.service] = (lateBy[t.service] || 0) + 1; }
      if (!oldest[t.service] || Date.parse(t.issued_at) < Date.parse(oldest[t.service])) oldest[t.service] = t.issued_at;
    });
    var open = state.counters.filter(function (c) { return c.status !== "closed"; }).length;
    document.getElementById("n-waiting").textContent = state.waiting.length;
    document.getElementById("n-late").textContent = lateN;
    document.getElementById("fig-late").classList.toggle("fig-bad", lateN > 0);
    document.getElementById("n-open").textContent = open;
    var issued = 0, finished = 0, all = [0, 0, 0, 0, 0, 0];
    state.services.forEach(function (s) { issued += s.issued || 0; });
    state.clerks.forEach(function (c) {
      finished += c.finished || 0;
      for (var l = 1; l <= 5; l++) all[l] += (c.ratings && c.ratings[l]) || 0;
    });
    var idx = pct(all), fig = document.getElementById("fig-index");
    document.getElementById("n-issued").textContent = issued;
    document.getElementById("n-finished").textContent = finished;
    document.getElementById("n-index").textContent = idx.text;
    document.getElementById("n-ratings").textContent = idx.n;
    ["idx-none", "idx-low", "idx-mid", "idx-high"].forEach(function (g) { fig.classList.toggle(g, g === idx.grade); });
    list("long-alerts", state.counters.filter(longServed).map(function (c) {
      return c.name + ": số " + c.ticket.number + " đã phục vụ " + durText(servedS(c)) + " (quá " + durText(serviceAlertS) + ")";
    }));

    document.getElementById("counters").innerHTML = state.counters.map(function (c) {
      var who = c.clerk_name || c.clerk;
      var tk = c.ticket
        ? '<div class="counter-ticket"><span class="ticket-no">' + esc(c.ticket.number) + '</span><span class="since">đã phục vụ ' + esc(since(c.ticket.called_at)) + "</span></div>"
        : '<div class="counter-ticket idle">Không có số đang phục vụ</div>';
      return '<div class="counter st-' + esc(c.status) + (longServed(c) ? " long" : "") + '" data-counter="' + c.id + '">' +
        '<div class="counter-head"><span class="counter-name">' + esc(c.name) + '</span><span class="badge st-' + esc(c.status) + '">' + esc(statusLabels[c.status] || c.status) + "</span></div>" +
        '<div class="counter-clerk">' + (who ? esc(who) : "Chưa có công chức") + "</div>" + tk + counterToday(c) + "</div>";
    }).join("");

    rows("services", state.services.map(function (s) {
      return "<tr" + (lateBy[s.id] ? ' class="late"' : "") + "><td>" + esc(s.id) + "</td><td>" + esc(s.name) + '</td><td class="n">' + s.waiting +
        '</td><td class="n">' + (s.issued || 0) + '</td><td class="n">' + esc(oldest[s.id] ? since(oldest[s.id]) : "") + "</td></tr>";
    }).join(""), "", 5);

    rows("waiting", state.waiting.map(function (t) {
      return "<tr" + (late(t) ? ' class="late"' : "") + '><td class="ticket-no">' + esc(t.number) + (t.priority ? ' <span class="prio">Ưu tiên</span>' : "") +
        "</td><td>" + esc(t.service) + "</td><td>" + esc(clock(t.issued_at)) + '</td><td class="n">' + esc(since(t.issued_at)) + "</td></tr>";
    }).join(""), "Không có ai đang chờ", 4);

    rows("held", state.held.map(function (t) {
      return '<tr><td class="ticket-no">' + esc(t.number) + "</td><td>" + esc(t.service) + "</td><td>" + esc(clock(t.issued_at)) + "</td><td>" + (t.counter ? "Quầy " + t.counter : "") + "</td></tr>";
    }).join(""), "Không có số tạm giữ", 4);

    rows("recent", state.recent_calls.map(function (t) {
      return '<tr><td class="ticket-no">' + esc(t.number) + "</td><td>" + (t.counter ? "Quầy " + t.counter : "") + "</td><td>" + esc(clock(t.called_at)) + "</td></tr>";
    }).join(""), "Chưa có lượt gọi", 3);
  }

  // --- connection -----------------------------------------------------------

  function connect() {
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    ws = new WebSocket(url);
    ws.onopen = function () {
      helloN++;
      ws.send(JSON.stringify({ type: "hello", id: "h" + helloN, data: { since: 0 } }));
    };
    ws.onmessage = function (e) {
      var m;
      try { m = JSON.parse(e.data); } catch (err) { return; }
      if (m.type === "reply") {
        if (m.id && m.id.charAt(0) === "h") {
          if (!m.ok) { setConn(false, "Phiên đăng nhập hết hạn, vui lòng đăng nhập lại"); location.href = "/login?next=/"; return; }
          if (m.data && m.data.state) {
            state = m.data.state;
            ["waiting", "held", "recent_calls", "counters", "services", "clerks"].forEach(function (k) { state[k] = state[k] || []; });
            takeHall();
          }
          backoff = 1000;
          setConn(true, "Đang cập nhật trực tiếp");
          render();
        }
        return;
      }
      if (state) apply(m);
    };
    ws.onclose = function () {
      ws = null;
      setConn(false, "Mất kết nối, đang kết nối lại…");
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 30000);
    };
    ws.onerror = function () { /* onclose follows */ };
  }

  // Device faults (printer, sound) are polled, not evented.
  function devices() {
    fetch("/api/devices", { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (j) {
      if (!j) return;
      var lines = (j.devices || []).filter(function (d) { return d.line; });
      var el = document.getElementById("problems");
      el.innerHTML = lines.map(function (d) { return '<li class="problem">' + esc(d.line) + "</li>"; }).join("");
      el.hidden = lines.length === 0;
    }).catch(function () { /* the next poll retries */ });
  }
  setInterval(devices, 10000);

  // Open feedback and the last hour's low ratings, polled with the devices.
  function live() {
    fetch("/api/live", { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (j) {
      if (!j) return;
      document.getElementById("n-fb-new").textContent = j.feedback_new;
      document.getElementById("n-fb-open").textContent = j.feedback_open;
      document.getElementById("fig-fb").classList.toggle("fig-bad", j.feedback_new > 0);
      list("low-alerts", (j.low_ratings || []).map(function (a) { return a.line; }));
      list("link-alert", j.province_link ? [j.province_link] : []);
    }).catch(function () { /* the next poll retries */ });
  }
  setInterval(live, 10000);

  // Durations grow by themselves: redraw every few seconds.
  setInterval(render, 5000);
  window.hallState = function () { return state; };
  connect();
})();

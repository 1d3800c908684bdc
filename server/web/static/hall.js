// Live hall for supervisors: connects to /ws as a supervisor (the session
// cookie authenticates), keeps the day's state from the hello reply and the
// events, and redraws the page. Reconnects with backoff.
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root) return;

  var state = null;          // the day's state, as in SPEC 4.3
  var offset = Number(root.dataset.now) - Date.now(); // server clock - browser clock
  var alertS = Number(root.dataset.alert) || 0;
  var ws = null, backoff = 1000, helloN = 0;

  var statusLabels = { open: "Đang mở", paused: "Tạm dừng", closed: "Đóng" };

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function now() { return Date.now() + offset; }
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
    // As call_next takes them hall-wide: priority tickets first, then by
    // issue order.
    state.waiting.sort(function (a, b) {
      return (b.priority ? 1 : 0) - (a.priority ? 1 : 0) || (a.order || 0) - (b.order || 0);
    });
  }
  function recount() {
    var n = {};
    state.waiting.forEach(function (t) { n[t.service] = (n[t.service] || 0) + 1; });
    state.services.forEach(function (s) { s.waiting = n[s.id] || 0; });
  }

  function apply(ev) {
    var d = ev.data || {}, t = d.ticket;
    if (ev.at) offset = Date.parse(ev.at) - Date.now();
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
    case "ticket_finished": case "ticket_no_show":
      clearCounterTicket(t.id);
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

  function rows(id, html, empty, cols) {
    document.querySelector("#" + id + " tbody").innerHTML =
      html || '<tr><td colspan="' + cols + '" class="empty">' + empty + "</td></tr>";
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

    document.getElementById("counters").innerHTML = state.counters.map(function (c) {
      var who = c.clerk_name || c.clerk;
      var tk = c.ticket
        ? '<div class="counter-ticket"><span class="ticket-no">' + esc(c.ticket.number) + '</span><span class="since">đã phục vụ ' + esc(since(c.ticket.called_at)) + "</span></div>"
        : '<div class="counter-ticket idle">Không có số đang phục vụ</div>';
      return '<div class="counter st-' + esc(c.status) + '" data-counter="' + c.id + '">' +
        '<div class="counter-head"><span class="counter-name">' + esc(c.name) + '</span><span class="badge st-' + esc(c.status) + '">' + esc(statusLabels[c.status] || c.status) + "</span></div>" +
        '<div class="counter-clerk">' + (who ? esc(who) : "Chưa có công chức") + "</div>" + tk + "</div>";
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
            ["waiting", "held", "recent_calls", "counters", "services"].forEach(function (k) { state[k] = state[k] || []; });
            if (state.hall && state.hall.wait_alert_s) alertS = state.hall.wait_alert_s;
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

  // Durations grow by themselves: redraw every few seconds.
  setInterval(render, 5000);
  window.hallState = function () { return state; };
  connect();
})();

// The citizen's ticket page: follows one ticket over the hall's websocket
// (role citizen: hello with the ticket id and token, then ticket_view
// messages), alerts when it is called or near, rates and sends feedback.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var view = JSON.parse($('view').textContent);
  var parts = location.pathname.split('/t/');
  var ticketId = decodeURIComponent(parts[parts.length - 1]);
  var token = new URLSearchParams(location.search).get('k') || '';
  var key = 'hallq:' + view.ticket.id;
  var levels = { 5: 'Rất hài lòng', 4: 'Hài lòng', 3: 'Bình thường', 2: 'Không hài lòng', 1: 'Rất không hài lòng' };
  var ws = null, seq = 0, pending = {}, backoff = 1000, alertsOn = false, audio = null;
  var lastState = view.ticket.state, lastRecalls = view.ticket.recalls, chosen = 0;

  function store(k, v) { try { if (v === null) localStorage.removeItem(key + k); else localStorage.setItem(key + k, v); } catch (e) {} }
  function load(k) { try { return localStorage.getItem(key + k); } catch (e) { return null; } }
  function text(id, s) { $(id).textContent = s; }

  function waitWords(v) {
    if (v.no_open_counter) return 'Chưa có quầy mở cho lĩnh vực này';
    if (v.ahead === 0 || v.estimated_wait_s <= 0) return 'Sắp đến lượt';
    var m = Math.ceil(v.estimated_wait_s / 60);
    return m < 60 ? 'khoảng ' + m + ' phút' : 'khoảng ' + Math.floor(m / 60) + ' giờ ' + (m % 60) + ' phút';
  }

  function statusWords(v) {
    var t = v.ticket;
    switch (t.state) {
      case 'waiting': return 'Đang chờ đến lượt';
      case 'called': return 'Mời ông/bà đến ' + (v.counter_name || ('Quầy ' + t.counter));
      case 'finished': return 'Đã phục vụ xong. Xin cảm ơn!';
      case 'no_show': return 'Đã gọi nhưng ông/bà vắng mặt. Vui lòng liên hệ cán bộ hướng dẫn.';
      case 'held': return 'Hồ sơ đang tạm giữ: mời ông/bà bổ sung giấy tờ rồi quay lại quầy.';
      case 'expired': return 'Phiếu đã hết hạn (hết giờ làm việc).';
    }
    return t.state;
  }

  function render(v) {
    if (v.ended || !v.ticket) {
      $('card').dataset.state = 'ended';
      text('status', 'Phiếu không còn hiệu lực (đã sang ngày mới).');
      $('rate').hidden = true;
      return;
    }
    var t = v.ticket, called = t.state === 'called';
    view = v;
    $('card').dataset.state = t.state;
    text('number', t.number);
    text('status', statusWords(v));
    text('ahead', t.state === 'waiting' ? String(v.ahead) : '–');
    text('wait', t.state === 'waiting' ? waitWords(v) : '');
    var s = (v.serving || []).filter(function (d) { return d.status !== 'closed'; }).map(function (d) {
      return d.name + (d.status === 'paused' ? ': tạm dừng' : d.number ? ': ' + d.number : ': đang chờ gọi');
    });
    text('serving', (s.length ? 'Đang phục vụ — ' + s.join(' · ') : 'Chưa có quầy nào mở cho lĩnh vực này.') +
      ' Còn ' + v.waiting + ' người đang chờ.' + (v.hall.issuing ? '' : ' Đã ngoài giờ cấp số.'));
    if (called && (lastState !== 'called' || t.recalls > lastRecalls)) {
      notify(statusWords(v), 'Số ' + t.number);
    }
    lastState = t.state; lastRecalls = t.recalls;
    checkReminder(v);
    renderRating(v);
  }

  // Alerts: vibration and a chime need a tap first (browsers' rule);
  // a Notification needs the citizen's permission (and HTTPS).
  function chime() {
    if (!audio) return;
    try {
      var now = audio.currentTime;
      [880, 660, 880].forEach(function (f, i) {
        var o = audio.createOscillator(), g = audio.createGain();
        o.frequency.value = f; o.connect(g); g.connect(audio.destination);
        g.gain.setValueAtTime(0.0001, now + i * 0.35);
        g.gain.exponentialRampToValueAtTime(0.5, now + i * 0.35 + 0.03);
        g.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.32);
        o.start(now + i * 0.35); o.stop(now + i * 0.35 + 0.33);
      });
    } catch (e) {}
  }

  function notify(msg, title) {
    text('overlay-text', msg);
    $('overlay').hidden = false;
    if (alertsOn) {
      if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]);
      chime();
    }
    if (window.Notification && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
      systemNotice(title, msg);
    }
  }

  // System notifications go through the service worker (/t/sw.js) when it
  // is there: Android Chrome shows no other kind, and a tap on one brings
  // this page back. Without it (an old browser), a page Notification.
  var worker = null;
  if ('serviceWorker' in navigator && window.isSecureContext) {
    worker = navigator.serviceWorker.register('/t/sw.js', { scope: '/t/' }).then(function () {
      return navigator.serviceWorker.ready;
    }).catch(function () { return null; });
  }
  function systemNotice(title, msg) {
    var opts = { body: msg, tag: key, renotify: true, requireInteraction: true,
      vibrate: [400, 200, 400, 200, 400], data: { url: location.href } };
    var page = function () { try { new Notification(title, opts); } catch (e) {} };
    if (!worker) { page(); return; }
    worker.then(function (r) {
      if (!r) { page(); return; }
      r.showNotification(title, opts).catch(page);
    });
  }

  $('overlay-ok').addEventListener('click', function () { $('overlay').hidden = true; });

  $('enable').addEventListener('click', function () {
    alertsOn = true;
    store(':alerts', '1');
    try { audio = audio || new (window.AudioContext || window.webkitAudioContext)(); audio.resume(); } catch (e) {}
    if (navigator.vibrate) navigator.vibrate(100);
    chime();
    $('enable').classList.add('on');
    text('enable', 'Đã bật thông báo');
    var note = 'Điện thoại sẽ rung và phát chuông khi đến lượt. Giữ trang này mở.';
    if (window.Notification && window.isSecureContext) {
      if (Notification.permission === 'default') {
        var asked = Notification.requestPermission();
        if (asked && asked.then) asked.then(function (p) {
          if (p === 'granted') text('enable-note', note + ' Thông báo sẽ hiện cả khi ông/bà sang ứng dụng khác.');
        });
      } else if (Notification.permission === 'granted') {
        note += ' Thông báo sẽ hiện cả khi ông/bà sang ứng dụng khác.';
      }
    }
    text('enable-note', note);
  });

  // "Nhắc tôi khi còn N người": an in-page alert when the place reaches N.
  function checkReminder(v) {
    var n = load(':remind');
    if (n === null || v.ticket.state !== 'waiting') return;
    if (v.ahead <= Number(n) && load(':reminded') !== n) {
      store(':reminded', n);
      notify(v.ahead === 0 ? 'Sắp đến lượt ông/bà! Vui lòng chú ý bảng gọi số.' :
        'Còn ' + v.ahead + ' người nữa là đến lượt ông/bà', 'Số ' + v.ticket.number);
      text('remind-state', 'Đã nhắc khi còn ' + n + ' người.');
    }
  }
  $('remind').addEventListener('submit', function (e) {
    e.preventDefault();
    var n = Math.max(0, Math.min(99, parseInt($('remind-n').value, 10) || 0));
    store(':remind', String(n)); store(':reminded', null);
    text('remind-state', 'Sẽ nhắc khi còn ' + n + ' người trước ông/bà.');
    checkReminder(view);
  });
  if (load(':remind') !== null) {
    $('remind-n').value = load(':remind');
    text('remind-state', 'Sẽ nhắc khi còn ' + load(':remind') + ' người trước ông/bà.');
  }

  // Rating, as at the pad: five levels, reasons for 1 to 3.
  function renderRating(v) {
    var r = v.rating || {}, t = v.ticket;
    var open = t.state === 'finished' && !r.level && !!r.open;
    $('rate').hidden = !open;
    if (r.level) {
      $('rated').hidden = false;
      text('rated-text', r.at_pad ? 'Phiếu này đã được đánh giá tại quầy (' + levels[r.level] + '). Xin cảm ơn ông/bà!' :
        'Cảm ơn ông/bà đã đánh giá: ' + levels[r.level] + '.');
    } else if (t.state === 'finished' && !open) {
      $('rated').hidden = false;
      text('rated-text', 'Đã hết thời gian đánh giá cho phiếu này.');
    }
    var box = $('reasons');
    if (open && !box.childElementCount && r.reasons) {
      r.reasons.forEach(function (p) {
        var l = document.createElement('label'), i = document.createElement('input');
        i.type = 'checkbox'; i.value = p[0]; l.appendChild(i); l.appendChild(document.createTextNode(p[1]));
        box.appendChild(l);
      });
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll('.level'), function (b) {
    b.addEventListener('click', function () {
      chosen = Number(b.dataset.level);
      Array.prototype.forEach.call(document.querySelectorAll('.level'), function (o) { o.classList.toggle('chosen', o === b); });
      if (chosen >= 4) { sendRating(); return; }
      $('rate-more').hidden = false;
      $('rate-phone-row').hidden = chosen > 2;
    });
  });
  $('rate-more').addEventListener('submit', function (e) { e.preventDefault(); sendRating(); });
  function sendRating() {
    var reasons = chosen <= 3 ? Array.prototype.map.call(document.querySelectorAll('#reasons input:checked'), function (i) { return i.value; }) : [];
    text('rate-error', '');
    send('citizen_rate', { rating: chosen, reasons: reasons, comment: chosen <= 3 ? $('rate-comment').value : '',
      phone: chosen <= 2 ? $('rate-phone').value : '' }, function (ok, data, err) {
      if (!ok) { text('rate-error', err.message); return; }
      $('rate').hidden = true; $('rated').hidden = false;
      text('rated-text', 'Cảm ơn ông/bà đã đánh giá: ' + levels[chosen] + '.' + (data.feedback_id ?
        ' Ý kiến của ông/bà đã được chuyển đến bộ phận tiếp nhận phản ánh (mã ' + data.feedback_id + ').' : ''));
    });
  }

  $('fb-form').addEventListener('submit', function (e) {
    e.preventDefault();
    text('fb-error', '');
    send('citizen_feedback', { message: $('fb-message').value, name: $('fb-name').value, phone: $('fb-phone').value }, function (ok, data, err) {
      if (!ok) { text('fb-error', err.message); return; }
      $('fb-form').hidden = true; $('fb-done').hidden = false;
      text('fb-done', 'Đã gửi phản ánh (mã ' + data.feedback_id + '). Xin cảm ơn ông/bà!');
    });
  });

  // The websocket: a fresh hello after every reconnect brings the whole view.
  function send(type, data, done) {
    var id = 'p' + Date.now().toString(36) + '-' + (++seq);
    if (!ws || ws.readyState !== 1) { done(false, null, { message: 'Mất kết nối, vui lòng thử lại sau giây lát.' }); return; }
    pending[id] = done;
    ws.send(JSON.stringify({ type: type, id: id, data: data }));
  }
  function connect() {
    if (ws && ws.readyState <= 1) return;
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    ws.onopen = function () {
      pending.hello = function (ok, data, err) {
        if (!ok) { text('conn', 'Không mở được phiếu: ' + err.message); $('conn').className = 'conn off'; return; }
        backoff = 1000;
        text('conn', 'Đang cập nhật trực tiếp'); $('conn').className = 'conn live';
        render(data.view);
      };
      ws.send(JSON.stringify({ type: 'hello', id: 'hello', data: { ticket: ticketId, token: token } }));
    };
    ws.onmessage = function (e) {
      var m; try { m = JSON.parse(e.data); } catch (x) { return; }
      if (m.type === 'ticket_view') { render(m.data); return; }
      if (m.type === 'reply' && pending[m.id]) { var f = pending[m.id]; delete pending[m.id]; f(m.ok, m.data || {}, m.error || {}); }
    };
    ws.onclose = function () {
      text('conn', 'Mất kết nối, đang kết nối lại…'); $('conn').className = 'conn off';
      setTimeout(connect, backoff); backoff = Math.min(backoff * 2, 15000);
    };
  }
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') connect(); });
  render(view);
  connect();
})();

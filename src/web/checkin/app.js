/*
 * finreach volunteer check-in page. Plain ES2019, no build step, no framework.
 *
 * Offline first: a tap (or a named attendee) becomes a CheckInInput with its own
 * clientId and checkedInAt at once, is written to localStorage (one key per item,
 * so tabs never overwrite each other's queue) and counted on screen immediately.
 * A sender flushes the queue with syncCheckIns (at most 500 per request) whenever
 * the network is there; the server's clientId idempotency makes every retry safe.
 */
(function () {
  'use strict';

  var GROUPS = ['ELDERLY', 'YOUTH', 'NEW_CITIZEN', 'DISABLED', 'ETHNIC_MINORITY', 'GENERAL'];
  var GROUP_NAMES = {
    ELDERLY: { 'zh-CN': '老年人', en: 'Elderly' },
    YOUTH: { 'zh-CN': '青少年', en: 'Youth' },
    NEW_CITIZEN: { 'zh-CN': '新市民', en: 'New citizens' },
    DISABLED: { 'zh-CN': '残障人士', en: 'People with disabilities' },
    ETHNIC_MINORITY: { 'zh-CN': '少数民族', en: 'Ethnic minorities' },
    GENERAL: { 'zh-CN': '一般公众', en: 'General public' },
  };

  var TEXT = {
    'zh-CN': {
      appTitle: '活动签到', loading: '正在加载…', otherLanguage: 'English',
      loginTitle: '登录', loginHint: '请用您的工作账号登录。', email: '邮箱', password: '密码', loginButton: '登录',
      joinTitle: '加入活动签到', joinHint: '请输入您的姓名，签到记录会注明由您登记。', yourName: '您的姓名', joinButton: '加入',
      useAccount: '用工作账号登录', eventsTitle: '今天的活动', refresh: '刷新', logout: '退出登录',
      changeEvent: '换一个活动', tapTitle: '每来一人，点一下对应人群', totalsTitle: '已签到', totalsCaption: '按人群统计',
      totalsNote: '含尚未发送的签到。', namedTitle: '登记姓名或手机号', attendeeName: '姓名（可选）',
      attendeePhone: '手机号（可选）', attendeeGroup: '所属人群', namedButton: '登记', problemsTitle: '未被接受的签到', clear: '清除',
      online: '在线', offline: '离线：签到先保存在手机上', unreachable: '连不上服务器，稍后自动重试', sending: '正在发送…',
      pending: '待发送 {n} 条', allSent: '已全部发送',
      noEvents: '今天没有分配给您的活动。', eventsOffline: '离线：显示上次加载的活动。', needNetwork: '需要网络连接，请稍后再试。',
      signedInAs: '当前用户：{name}', badLogin: '邮箱或密码不正确。', rateLimited: '尝试次数过多，请稍后再试。',
      fillLogin: '请填写邮箱和密码。', fillName: '请填写您的姓名。', badLink: '签到链接无效或已过期，请联系活动负责人。',
      sessionEnded: '登录已过期，请重新登录。未发送的签到不会丢失。', tapped: '已记录：{group} +1', named: '已登记：{who}',
      needNameOrPhone: '请填写姓名或手机号。', badPhone: '请输入 11 位中国大陆手机号。', storageFull: '手机存储已满，本次签到未保存！',
      eventGone: '找不到这个活动，请重新选择。', logoutPending: '还有 {n} 条签到未发送。退出后它们仍保存在本机，下次登录后发送。确定退出？',
      time: '{from}–{to}', duplicate: '未重复计数', rejected: '未计入', notCounted: '有 {n} 条签到未被计入，原因见页面下方。',
      reasons: {
        EVENT_NOT_OPEN: '活动未开放签到', OUTSIDE_CHECKIN_WINDOW: '不在签到时间内', NOT_ASSIGNED: '您未被分配到此活动',
        ALREADY_CHECKED_IN: '此手机号已经签到过', FORBIDDEN: '没有权限', NOT_FOUND: '活动不存在', BAD_USER_INPUT: '内容有误',
      },
    },
    en: {
      appTitle: 'Event check-in', loading: 'Loading…', otherLanguage: '中文',
      loginTitle: 'Log in', loginHint: 'Log in with your work account.', email: 'Email', password: 'Password', loginButton: 'Log in',
      joinTitle: 'Join event check-in', joinHint: 'Enter your name; check-ins will show that you recorded them.', yourName: 'Your name',
      joinButton: 'Join', useAccount: 'Log in with a work account', eventsTitle: "Today's events", refresh: 'Refresh',
      logout: 'Log out', changeEvent: 'Choose another event', tapTitle: 'Tap a group once for each person',
      totalsTitle: 'Checked in', totalsCaption: 'By target group', totalsNote: 'Includes check-ins not yet sent.',
      namedTitle: 'Record a name or phone', attendeeName: 'Name (optional)', attendeePhone: 'Mobile phone (optional)',
      attendeeGroup: 'Target group', namedButton: 'Check in', problemsTitle: 'Check-ins not accepted', clear: 'Clear',
      online: 'Online', offline: 'Offline: check-ins are kept on this phone', unreachable: 'Cannot reach the server; retrying',
      sending: 'Sending…', pending: '{n} waiting to be sent', allSent: 'All sent',
      noEvents: 'No events assigned to you today.', eventsOffline: 'Offline: showing the events loaded last time.',
      needNetwork: 'This needs a network connection. Please try again later.', signedInAs: 'Signed in as {name}',
      badLogin: 'Wrong email or password.', rateLimited: 'Too many attempts. Please wait and try again.',
      fillLogin: 'Please enter your email and password.', fillName: 'Please enter your name.',
      badLink: 'This check-in link is not valid or has expired. Ask the event lead for a new one.',
      sessionEnded: 'Your session has ended. Please log in again; unsent check-ins are kept.', tapped: 'Recorded: {group} +1',
      named: 'Recorded: {who}', needNameOrPhone: 'Enter a name or a phone number.',
      badPhone: 'Enter an 11-digit mainland China mobile number.', storageFull: 'Phone storage is full: this check-in was NOT saved!',
      eventGone: 'This event was not found. Please choose again.',
      logoutPending: '{n} check-ins are not sent yet. They stay on this phone and are sent after the next login. Log out?',
      time: '{from}–{to}', duplicate: 'not counted twice', rejected: 'not counted',
      notCounted: '{n} check-in(s) not counted; see the list below.',
      reasons: {
        EVENT_NOT_OPEN: 'The event is not open for check-in', OUTSIDE_CHECKIN_WINDOW: 'Outside the check-in time',
        NOT_ASSIGNED: 'You are not assigned to this event', ALREADY_CHECKED_IN: 'This phone number has already checked in',
        FORBIDDEN: 'Not allowed', NOT_FOUND: 'Event not found', BAD_USER_INPUT: 'Invalid entry',
      },
    },
  };

  var KEY = 'finreach.checkin.';
  var QUEUE_PREFIX = KEY + 'q.';
  var BATCH_SIZE = 500;
  var REFRESH_MS = 30000;
  var MAX_BACKOFF_MS = 60000;
  /** Error codes that say "this input will never be accepted"; anything else is worth another try. */
  var PERMANENT = ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'QUERY_TOO_COMPLEX'];

  var RESULT_FIELDS = 'clientId outcome reason';
  var ATTENDANCE_FIELDS = 'total byTargetGroup { targetGroup count }';
  var EVENT_FIELDS = 'id title venueName startsAt endsAt targetGroups status';
  var AUTH_FIELDS = 'token expiresAt user { id name role locale }';
  var Q = {
    login: 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { ' + AUTH_FIELDS + ' } }',
    join: 'mutation Join($token: String!, $name: String!) { joinEvent(token: $token, name: $name) { ' + AUTH_FIELDS + ' } }',
    me: 'query Me { me { id name role } }',
    myEvents: 'query MyEvents($from: DateTime, $to: DateTime) { myEvents(from: $from, to: $to) { ' + EVENT_FIELDS + ' } }',
    eventState:
      'query EventState($id: ID!) { event(id: $id) { ' + EVENT_FIELDS + ' } attendance(eventId: $id) { ' + ATTENDANCE_FIELDS + ' } }',
    sync: 'mutation Sync($items: [CheckInInput!]!) { syncCheckIns(items: $items) { ' + RESULT_FIELDS + ' } }',
    checkIn: 'mutation CheckIn($input: CheckInInput!) { checkIn(input: $input) { ' + RESULT_FIELDS + ' } }',
  };

  // ---------------------------------------------------------------- storage

  var memory = {};
  function readJson(key) {
    try {
      var raw = localStorage.getItem(key);
      return raw == null ? null : JSON.parse(raw);
    } catch (e) {
      return memory[key] == null ? null : memory[key];
    }
  }
  /** Returns false when the value could not be stored (quota, storage disabled). */
  function writeJson(key, value) {
    try {
      if (value == null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  var lang = readJson(KEY + 'lang') || 'zh-CN';
  if (!TEXT[lang]) lang = 'zh-CN';
  var session = readJson(KEY + 'session');
  var currentEvent = readJson(KEY + 'event');

  var sequence = 0;
  function enqueue(input) {
    var item = { input: input, at: Date.now(), n: sequence++ };
    return writeJson(QUEUE_PREFIX + input.clientId, item);
  }
  function dequeue(clientId) {
    writeJson(QUEUE_PREFIX + clientId, null);
  }
  /** Every queued item of every event, oldest first. */
  function queued() {
    var items = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && key.indexOf(QUEUE_PREFIX) === 0) {
          var item = readJson(key);
          if (item && item.input) items.push(item);
        }
      }
    } catch (e) {
      /* storage unavailable: nothing queued */
    }
    return items.sort(function (a, b) {
      return a.at - b.at || a.n - b.n;
    });
  }

  function attendanceKey(eventId) {
    return KEY + 'attendance.' + eventId;
  }

  function problems() {
    return readJson(KEY + 'problems') || [];
  }
  function addProblem(item, outcome, reason) {
    var list = problems();
    var input = item.input;
    list.unshift({
      clientId: input.clientId, eventId: input.eventId, targetGroup: input.targetGroup, name: input.name || null,
      phone: input.phone ? maskPhone(input.phone) : null, checkedInAt: input.checkedInAt, outcome: outcome, reason: reason || null,
    });
    writeJson(KEY + 'problems', list.slice(0, 50));
  }

  // ---------------------------------------------------------------- helpers

  function $(id) {
    return document.getElementById(id);
  }
  function t(key, vars) {
    var s = TEXT[lang][key];
    if (s == null) s = TEXT['zh-CN'][key] || key;
    if (vars) {
      Object.keys(vars).forEach(function (k) {
        s = s.split('{' + k + '}').join(String(vars[k]));
      });
    }
    return s;
  }
  function otherLang() {
    return lang === 'zh-CN' ? 'en' : 'zh-CN';
  }
  function groupName(group, language) {
    var names = GROUP_NAMES[group];
    return names ? names[language || lang] : group;
  }
  function reasonText(reason) {
    return (reason && TEXT[lang].reasons[reason]) || reason || '';
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }
  function show(node, visible) {
    node.hidden = !visible;
  }

  /** A UUID v4 for the clientId, also where crypto.randomUUID is missing (plain http, older browsers). */
  function uuid() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === 'function') return c.randomUUID();
    var bytes = new Uint8Array(16);
    if (c && c.getRandomValues) c.getRandomValues(bytes);
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  /** A mainland mobile number as 11 digits (spaces, dashes and +86 removed), or null. */
  function normalisePhone(raw) {
    var digits = String(raw).replace(/[\s\-().]/g, '').replace(/^(\+|00)?86(?=1\d{10}$)/, '');
    return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
  }
  function maskPhone(phone) {
    return phone.slice(0, 3) + '****' + phone.slice(-4);
  }

  function localDayRange() {
    var now = new Date();
    var from = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 0, 0, 0, 0);
    var to = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 23, 59, 59, 999);
    return { from: from.toISOString(), to: to.toISOString(), day: from.getFullYear() + '-' + (from.getMonth() + 1) + '-' + from.getDate() };
  }
  function clock(iso) {
    try {
      return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
    } catch (e) {
      return iso.slice(11, 16);
    }
  }

  // ---------------------------------------------------------------- GraphQL

  var reachable = true;

  function TransientError(message) {
    this.message = message;
  }
  function AuthError(message) {
    this.message = message;
  }

  /**
   * POSTs one GraphQL operation. Resolves with the JSON body (data and/or errors);
   * rejects with TransientError when the network or the server failed, so the caller keeps its work for later.
   */
  function gql(query, variables) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, 20000) : null;
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (session && session.token) headers.Authorization = 'Bearer ' + session.token;
    return fetch('/graphql', {
      method: 'POST', headers: headers, body: JSON.stringify({ query: query, variables: variables || {} }),
      cache: 'no-store', credentials: 'omit', signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (response.status >= 500) throw new TransientError('HTTP ' + response.status);
        return response.json();
      })
      .then(
        function (body) {
          if (!body || typeof body !== 'object') throw new TransientError('no body');
          setReachable(true);
          return body;
        },
        function (error) {
          setReachable(false);
          throw error instanceof TransientError ? error : new TransientError((error && error.message) || 'network');
        },
      )
      .finally(function () {
        if (timer) clearTimeout(timer);
      });
  }
  function errorCode(body) {
    var error = body && body.errors && body.errors[0];
    return error && error.extensions ? error.extensions.code : null;
  }
  /** True when an error is about this request's input (or raised by a resolver), not about a document the server does not know. */
  function isInputError(error, argument) {
    if (!error) return false;
    if (error.path && error.path.length) return true;
    var fields = (error.extensions && error.extensions.fields) || [];
    return fields.some(function (f) {
      return f === argument || f.indexOf(argument + '.') === 0 || f.indexOf(argument + '[') === 0;
    });
  }

  // ---------------------------------------------------------------- sender

  var sending = false;
  var sendTimer = null;
  var backoff = 0;
  var lock = Promise.resolve();

  /** Runs network work one piece at a time, so an attendance read never overlaps a sync. */
  function serial(task) {
    var run = lock.then(task, task);
    lock = run.catch(function () {});
    return run;
  }

  function scheduleSend(delay) {
    clearTimeout(sendTimer);
    sendTimer = setTimeout(flush, delay);
  }
  /** After a tap: send soon (taps in quick succession go in one batch), unless the sender is backing off after a failure. */
  function kick() {
    if (backoff === 0 && sendTimer === null) scheduleSend(400);
  }

  function flush() {
    clearTimeout(sendTimer);
    sendTimer = null;
    if (!session || !session.token) return Promise.resolve();
    if (navigator.onLine === false) {
      render();
      return Promise.resolve();
    }
    return serial(function () {
      sending = true;
      renderStatus();
      return sendAll()
        .then(function () {
          backoff = 0;
          return refreshCurrent();
        })
        .catch(function (error) {
          if (error instanceof AuthError) return requireLogin();
          backoff = Math.min(MAX_BACKOFF_MS, backoff ? backoff * 2 : 2000);
          scheduleSend(backoff + Math.floor(Math.random() * 1000));
        })
        .finally(function () {
          sending = false;
          render();
        });
    });
  }

  /** Sends the queue oldest first, in batches, until it is empty; stops (to retry later) when a round makes no progress. */
  function sendAll() {
    var batch = queued().slice(0, BATCH_SIZE);
    if (!batch.length) return Promise.resolve();
    return sendBatch(batch).then(function () {
      var left = batch.filter(function (b) { return readJson(QUEUE_PREFIX + b.input.clientId); }).length;
      if (left === batch.length) throw new TransientError('no results');
      return sendAll();
    });
  }

  function sendBatch(batch) {
    return gql(Q.sync, { items: batch.map(function (b) { return b.input; }) }).then(function (body) {
      var results = body.data && body.data.syncCheckIns;
      if (results) return applyResults(batch, results);
      var code = errorCode(body);
      if (code === 'UNAUTHENTICATED') throw new AuthError('UNAUTHENTICATED');
      // The batch as a whole was refused because of some item in it: find which, one at a time.
      if (PERMANENT.indexOf(code) >= 0 && isInputError(body.errors[0], 'items')) return sendOneByOne(batch, 0);
      throw new TransientError(code || 'no data');
    });
  }

  function sendOneByOne(batch, index) {
    if (index >= batch.length) return Promise.resolve();
    var item = batch[index];
    return gql(Q.checkIn, { input: item.input }).then(function (body) {
      var result = body.data && body.data.checkIn;
      if (result) {
        applyResults([item], [result]);
      } else {
        var code = errorCode(body);
        if (code === 'UNAUTHENTICATED') throw new AuthError(code);
        if (PERMANENT.indexOf(code) < 0 || !isInputError(body.errors[0], 'input')) throw new TransientError(code || 'no data');
        dequeue(item.input.clientId);
        addProblem(item, 'REJECTED', code);
        feedback(t('notCounted', { n: 1 }), true);
        renderProblems();
      }
      return sendOneByOne(batch, index + 1);
    });
  }

  function applyResults(batch, results) {
    var notCounted = 0;
    var byId = {};
    results.forEach(function (r) {
      if (r && r.clientId) byId[r.clientId] = r;
    });
    batch.forEach(function (item, i) {
      var result = byId[item.input.clientId] || (results[i] && !results[i].clientId ? results[i] : null);
      if (!result) return; // no answer for it: keep it for the next round
      if (result.outcome === 'ACCEPTED') {
        dequeue(item.input.clientId);
      } else if (result.outcome === 'DUPLICATE') {
        dequeue(item.input.clientId);
        // A repeated clientId is our own retry; a repeated phone is a person who was already counted.
        if (result.reason) {
          addProblem(item, 'DUPLICATE', result.reason);
          notCounted++;
        }
      } else if (result.outcome === 'REJECTED') {
        dequeue(item.input.clientId);
        addProblem(item, 'REJECTED', result.reason);
        notCounted++;
      }
    });
    if (notCounted) feedback(t('notCounted', { n: notCounted }), true);
    renderProblems();
  }

  /** Server-confirmed state of the open event: its details and attendance. */
  function refreshCurrent() {
    if (!currentEvent || !session) return Promise.resolve();
    var eventId = currentEvent.id;
    return gql(Q.eventState, { id: eventId }).then(function (body) {
      if (errorCode(body) === 'UNAUTHENTICATED') throw new AuthError('UNAUTHENTICATED');
      if (!currentEvent || currentEvent.id !== eventId || !body.data) return;
      if (body.data.event) {
        currentEvent = body.data.event;
        writeJson(KEY + 'event', currentEvent);
      } else if (body.data.event === null && !body.errors) {
        selectEvent(null);
        showEvents(t('eventGone'));
        return;
      }
      if (body.data.attendance) writeJson(attendanceKey(eventId), body.data.attendance);
      renderCheckIn();
    });
  }

  // ---------------------------------------------------------------- screens

  var views = ['login-view', 'join-view', 'events-view', 'checkin-view'];
  function showView(id) {
    show($('boot'), false);
    views.forEach(function (v) {
      show($(v), v === id);
    });
    show($('status'), id === 'checkin-view' || id === 'events-view');
    render();
  }
  function currentView() {
    for (var i = 0; i < views.length; i++) if (!$(views[i]).hidden) return views[i];
    return null;
  }

  function joinTokenFromPath() {
    var match = /^\/checkin\/join\/([^/?#]+)\/?$/.exec(location.pathname);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function saveSession(payload, joinToken) {
    session = { token: payload.token, expiresAt: payload.expiresAt, user: payload.user, joinToken: joinToken || null };
    writeJson(KEY + 'session', session);
    if (!readJson(KEY + 'lang') && payload.user && TEXT[payload.user.locale]) {
      lang = payload.user.locale;
      applyLanguage();
    }
  }
  function sessionValid() {
    return !!(session && session.token && (!session.expiresAt || Date.parse(session.expiresAt) > Date.now()));
  }

  function requireLogin(message) {
    // Keep who was signed in (not the token): a different person logging in next starts from the event list.
    session = session && session.user ? { user: session.user, joinToken: session.joinToken || null } : null;
    writeJson(KEY + 'session', session);
    var joinToken = joinTokenFromPath();
    if (joinToken) {
      showView('join-view');
      showError('join-error', message || t('sessionEnded'));
    } else {
      showView('login-view');
      showError('login-error', message || t('sessionEnded'));
    }
  }

  function showError(id, message) {
    var node = $(id);
    node.textContent = message || '';
    show(node, !!message);
  }

  function afterSignIn() {
    if (currentEvent) {
      showView('checkin-view');
      scheduleSend(0);
    } else {
      showEvents();
    }
  }

  function showEvents(message) {
    showView('events-view');
    var who = $('events-who');
    who.textContent = session && session.user ? t('signedInAs', { name: session.user.name }) : '';
    var range = localDayRange();
    var cached = readJson(KEY + 'events');
    if (cached && cached.day === range.day) renderEvents(cached.events);
    else renderEvents([]);
    setEventsMessage(message || null);
    return gql(Q.myEvents, { from: range.from, to: range.to }).then(
      function (body) {
        if (errorCode(body) === 'UNAUTHENTICATED') return requireLogin();
        var events = body.data && body.data.myEvents;
        if (!events) return setEventsMessage((body.errors && body.errors[0].message) || t('needNetwork'));
        writeJson(KEY + 'events', { day: range.day, events: events });
        renderEvents(events);
        setEventsMessage(message || (events.length ? null : t('noEvents')));
        if (events.length === 1 && session && session.joinToken) openEvent(events[0]);
        return undefined;
      },
      function () {
        setEventsMessage(cached && cached.day === range.day ? t('eventsOffline') : t('needNetwork'));
      },
    );
  }
  function setEventsMessage(message) {
    $('events-message').textContent = message || '';
    show($('events-message'), !!message);
  }

  function renderEvents(events) {
    var list = $('event-list');
    list.textContent = '';
    events
      .slice()
      .sort(function (a, b) { return Date.parse(a.startsAt) - Date.parse(b.startsAt); })
      .forEach(function (event) {
        var li = el('li');
        var button = el('button', 'event-card');
        button.type = 'button';
        button.appendChild(el('span', 'event-title', event.title));
        button.appendChild(el('span', 'event-venue', event.venueName));
        button.appendChild(el('span', 'event-time', t('time', { from: clock(event.startsAt), to: clock(event.endsAt) })));
        button.addEventListener('click', function () {
          openEvent(event);
        });
        li.appendChild(button);
        list.appendChild(li);
      });
  }

  function selectEvent(event) {
    currentEvent = event;
    writeJson(KEY + 'event', event);
  }
  function openEvent(event) {
    selectEvent(event);
    showView('checkin-view');
    $('event-title').focus();
    scheduleSend(0);
  }

  function eventGroups() {
    var groups = currentEvent && currentEvent.targetGroups && currentEvent.targetGroups.length ? currentEvent.targetGroups : GROUPS;
    return GROUPS.filter(function (g) { return groups.indexOf(g) >= 0; });
  }

  function renderCheckIn() {
    if (!currentEvent) return;
    $('event-title').textContent = currentEvent.title;
    $('event-title').tabIndex = -1;
    var meta = $('event-meta');
    meta.textContent = currentEvent.venueName + ' · ';
    meta.appendChild(el('span', 'nowrap', t('time', { from: clock(currentEvent.startsAt), to: clock(currentEvent.endsAt) })));

    var groups = eventGroups();
    var box = $('group-buttons');
    if (box.getAttribute('data-key') !== groups.join() + lang) {
      box.setAttribute('data-key', groups.join() + lang);
      box.textContent = '';
      groups.forEach(function (group) {
        var button = el('button', 'group group-' + group.toLowerCase());
        button.type = 'button';
        button.setAttribute('data-group', group);
        var main = el('span', 'group-main', groupName(group));
        var sub = el('span', 'group-sub', groupName(group, otherLang()));
        sub.lang = otherLang();
        button.appendChild(main);
        button.appendChild(sub);
        button.addEventListener('click', function () {
          tap(group, button);
        });
        box.appendChild(button);
      });
      var select = $('named-group');
      var selected = select.value;
      select.textContent = '';
      groups.concat(GROUPS.filter(function (g) { return groups.indexOf(g) < 0; })).forEach(function (group) {
        var option = el('option', null, groupName(group) + ' / ' + groupName(group, otherLang()));
        option.value = group;
        select.appendChild(option);
      });
      if (selected) select.value = selected;
    }
    renderTotals();
  }

  function renderTotals() {
    if (!currentEvent) return;
    var confirmed = readJson(attendanceKey(currentEvent.id)) || { total: 0, byTargetGroup: [] };
    var counts = {};
    GROUPS.forEach(function (g) { counts[g] = 0; });
    (confirmed.byTargetGroup || []).forEach(function (row) {
      counts[row.targetGroup] = (counts[row.targetGroup] || 0) + row.count;
    });
    var total = confirmed.total || 0;
    queued().forEach(function (item) {
      if (item.input.eventId !== currentEvent.id) return;
      var n = item.input.count || 1;
      counts[item.input.targetGroup] = (counts[item.input.targetGroup] || 0) + n;
      total += n;
    });
    $('total').textContent = String(total);
    var body = $('totals-body');
    body.textContent = '';
    var groups = eventGroups();
    GROUPS.forEach(function (group) {
      if (groups.indexOf(group) < 0 && !counts[group]) return;
      var tr = el('tr');
      var th = el('th', null, groupName(group));
      th.scope = 'row';
      tr.appendChild(th);
      var td = el('td', 'count', String(counts[group] || 0));
      td.setAttribute('data-group', group);
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  function renderProblems() {
    var list = problems().filter(function (p) { return !currentEvent || p.eventId === currentEvent.id; });
    var ul = $('problem-list');
    ul.textContent = '';
    list.forEach(function (p) {
      var who = [p.name, p.phone].filter(Boolean).join(' ') || groupName(p.targetGroup);
      var li = el('li', p.outcome === 'REJECTED' ? 'rejected' : 'duplicate');
      li.appendChild(el('strong', null, who));
      li.appendChild(document.createTextNode(' · ' + clock(p.checkedInAt) + ' · ' + (p.outcome === 'REJECTED' ? t('rejected') : t('duplicate')) + '：'));
      li.appendChild(el('span', null, reasonText(p.reason)));
      ul.appendChild(li);
    });
    show($('problems'), list.length > 0);
  }

  function renderStatus() {
    var status = $('status');
    var online = navigator.onLine !== false;
    var state = !online ? 'offline' : reachable ? 'online' : 'unreachable';
    status.className = 'status status-' + state;
    // Only a change of state is announced (role=status); the sending flicker is not.
    if ($('net-text').textContent !== t(state)) $('net-text').textContent = t(state);
    var n = queued().length;
    $('pending').textContent = n ? (sending && online ? t('sending') + ' ' : '') + t('pending', { n: n }) : t('allSent');
    $('pending').setAttribute('data-count', String(n));
  }

  function render() {
    renderStatus();
    if (currentView() === 'checkin-view') {
      renderCheckIn();
      renderProblems();
    }
  }

  function setReachable(value) {
    if (reachable !== value) {
      reachable = value;
      renderStatus();
    }
  }

  var feedbackTimer = null;
  function feedback(message, isError) {
    var node = $('tap-feedback');
    node.textContent = message;
    node.className = isError ? 'feedback error' : 'feedback';
    clearTimeout(feedbackTimer);
    feedbackTimer = setTimeout(function () { node.textContent = ''; }, 4000);
  }

  // ---------------------------------------------------------------- actions

  function newInput(fields) {
    var input = { clientId: uuid(), eventId: currentEvent.id, targetGroup: fields.targetGroup, count: 1, checkedInAt: new Date().toISOString() };
    if (fields.name) input.name = fields.name;
    if (fields.phone) input.phone = fields.phone;
    return input;
  }

  /** One person of one group: queued and counted at once; the network is not waited for. */
  function tap(group, button) {
    if (!currentEvent) return;
    if (!enqueue(newInput({ targetGroup: group }))) {
      feedback(t('storageFull'), true);
      return;
    }
    feedback(t('tapped', { group: groupName(group) }));
    if (button) {
      button.classList.remove('tapped');
      void button.offsetWidth;
      button.classList.add('tapped');
    }
    if (navigator.vibrate) navigator.vibrate(30);
    render();
    kick();
  }

  function submitNamed(event) {
    event.preventDefault();
    if (!currentEvent) return;
    var name = $('named-name').value.trim();
    var rawPhone = $('named-phone').value.trim();
    var group = $('named-group').value;
    if (!name && !rawPhone) return showError('named-error', t('needNameOrPhone'));
    var phone = null;
    if (rawPhone) {
      phone = normalisePhone(rawPhone);
      if (!phone) {
        $('named-phone').focus();
        return showError('named-error', t('badPhone'));
      }
    }
    if (!enqueue(newInput({ targetGroup: group, name: name || null, phone: phone }))) return showError('named-error', t('storageFull'));
    showError('named-error', null);
    $('named-name').value = '';
    $('named-phone').value = '';
    feedback(t('named', { who: [name, phone ? maskPhone(phone) : ''].filter(Boolean).join(' ') }));
    $('named-name').focus();
    render();
    kick();
  }

  function submitLogin(event) {
    event.preventDefault();
    var email = $('login-email').value.trim();
    var password = $('login-password').value;
    if (!email || !password) return showError('login-error', t('fillLogin'));
    showError('login-error', null);
    var button = event.target.querySelector('button[type=submit]');
    button.disabled = true;
    gql(Q.login, { email: email, password: password })
      .then(
        function (body) {
          var payload = body.data && body.data.login;
          if (!payload) {
            var code = errorCode(body);
            return showError('login-error', code === 'RATE_LIMITED' ? t('rateLimited') : code === 'UNAUTHENTICATED' ? t('badLogin') : body.errors[0].message);
          }
          if (session && session.user && payload.user.id !== session.user.id) selectEvent(null);
          saveSession(payload, null);
          $('login-password').value = '';
          afterSignIn();
          return undefined;
        },
        function () {
          showError('login-error', t('needNetwork'));
        },
      )
      .finally(function () {
        button.disabled = false;
      });
  }

  function submitJoin(event) {
    event.preventDefault();
    var name = $('join-name').value.trim();
    var token = joinTokenFromPath();
    if (!name) return showError('join-error', t('fillName'));
    showError('join-error', null);
    var button = event.target.querySelector('button[type=submit]');
    button.disabled = true;
    gql(Q.join, { token: token, name: name })
      .then(
        function (body) {
          var payload = body.data && body.data.joinEvent;
          if (!payload) {
            var code = errorCode(body);
            return showError('join-error', code === 'RATE_LIMITED' ? t('rateLimited') : t('badLink'));
          }
          writeJson(KEY + 'joinName', name);
          selectEvent(null);
          saveSession(payload, token);
          showEvents();
          return undefined;
        },
        function () {
          showError('join-error', t('needNetwork'));
        },
      )
      .finally(function () {
        button.disabled = false;
      });
  }

  function logout() {
    var n = queued().length;
    if (n && !window.confirm(t('logoutPending', { n: n }))) return;
    session = null;
    writeJson(KEY + 'session', null);
    selectEvent(null);
    writeJson(KEY + 'events', null);
    showView(joinTokenFromPath() ? 'join-view' : 'login-view');
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t('appTitle') + ' · finreach';
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    var switcher = $('lang');
    switcher.textContent = t('otherLanguage');
    switcher.lang = otherLang();
    render();
    if (currentView() === 'events-view') {
      var cached = readJson(KEY + 'events');
      if (cached) renderEvents(cached.events);
      if (session && session.user) $('events-who').textContent = t('signedInAs', { name: session.user.name });
    }
  }

  // ---------------------------------------------------------------- start

  function start() {
    applyLanguage();
    $('lang').addEventListener('click', function () {
      lang = otherLang();
      writeJson(KEY + 'lang', lang);
      applyLanguage();
    });
    $('login-form').addEventListener('submit', submitLogin);
    $('join-form').addEventListener('submit', submitJoin);
    $('named-form').addEventListener('submit', submitNamed);
    $('join-to-login').addEventListener('click', function () {
      if (sessionValid()) afterSignIn();
      else showView('login-view');
    });
    $('events-refresh').addEventListener('click', function () { showEvents(); });
    $('logout').addEventListener('click', logout);
    $('change-event').addEventListener('click', function () {
      selectEvent(null);
      showEvents();
    });
    $('problems-clear').addEventListener('click', function () {
      var keep = problems().filter(function (p) { return currentEvent && p.eventId !== currentEvent.id; });
      writeJson(KEY + 'problems', keep);
      renderProblems();
    });

    window.addEventListener('online', function () {
      backoff = 0;
      setReachable(true);
      scheduleSend(0);
    });
    window.addEventListener('offline', render);
    window.addEventListener('storage', function (e) {
      if (e.key && e.key.indexOf(KEY) === 0) render();
    });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible' && backoff === 0) scheduleSend(0);
    });
    // Keep the count in step with other volunteers, and retry whatever is still queued.
    setInterval(function () {
      if (backoff === 0 && session && (currentView() === 'checkin-view' || queued().length)) scheduleSend(0);
    }, REFRESH_MS);

    var joinToken = joinTokenFromPath();
    if (joinToken && (!sessionValid() || session.joinToken !== joinToken)) {
      if (session && session.joinToken !== joinToken && session.joinToken) selectEvent(null);
      $('join-name').value = readJson(KEY + 'joinName') || '';
      showView('join-view');
    } else if (!sessionValid()) {
      showView('login-view');
    } else {
      afterSignIn();
      if (navigator.onLine !== false) {
        gql(Q.me).then(function (body) {
          if (errorCode(body) === 'UNAUTHENTICATED') return requireLogin();
          if (body.data && body.data.me && session) {
            session.user = Object.assign({}, session.user, body.data.me);
            writeJson(KEY + 'session', session);
          }
          return undefined;
        }, function () {});
      }
    }
    if (!currentEvent) scheduleSend(0);

    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/checkin/sw.js', { scope: '/checkin' }).catch(function () {
        /* no offline start on this browser; the queue still works */
      });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

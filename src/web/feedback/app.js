/*
 * finreach attendee feedback page (/feedback/<token>). Plain ES2019, no build step, no framework.
 *
 * No login and no personal data: the signed token in the path is the permission,
 * and a random device token kept in localStorage makes one submission per phone
 * (the server keys it per event and phase and answers a repeat with `duplicate`).
 * Weak network: the form is kept in localStorage once loaded; a submission is
 * written to localStorage before it is sent and re-sent with the same device
 * token (so never counted twice) when the network is back or the page reloads.
 */
(function () {
  'use strict';

  var TEXT = {
    'zh-CN': {
      appTitle: '活动反馈', loading: '正在加载…', otherLanguage: 'English', formTitle: '请回答以下问题',
      noPersonalData: '不需要填写姓名或手机号。', introBefore: '活动开始前，请先回答几个小问题。',
      introAfter: '活动结束了，请回答几个问题，并给这次活动打分。', introRatingOnly: '活动结束了，请给这次活动打分。',
      question: '第 {n} 题（共 {total} 题）', ratingTitle: '您对这次活动满意吗？', commentLabel: '还有什么想说的？（可不填）',
      ratings: ['很不满意', '不满意', '一般', '满意', '非常满意'],
      submit: '提交', sending: '正在提交…', answerQuestion: '请回答第 {n} 题。', chooseRating: '请选择满意程度（1 到 5 分）。',
      waitingTitle: '等待网络…', waitingText: '您的回答已保存在手机上，网络恢复后会自动提交，请不要关闭此页面。',
      offline: '手机现在没有网络。', unreachable: '暂时连不上服务器，稍后自动重试。', retry: '立即重试',
      thanks: '谢谢参与！', alreadySent: '已提交，感谢参与', score: '你答对了 {answered} 题中的 {correct} 题',
      doneText: '感谢您参与本次金融知识宣传活动。',
      closedTitle: '反馈已结束', closedText: '这个反馈链接已关闭或已过期，不再接收回答。感谢您的关注！',
      badLinkTitle: '链接无效', badLinkText: '无法识别这个反馈链接。请重新扫描活动现场的二维码。',
      limitTitle: '暂时无法提交', limitText: '这个网络提交的回答已达到上限。请改用手机流量稍后再试。',
      needNetworkTitle: '需要网络', needNetworkText: '第一次打开需要网络。请连上网络后重试。',
      errorTitle: '出错了', errorText: '服务器暂时出错，请稍后再试。',
      badRating: '请选择 1 到 5 分的满意程度。', badAnswer: '第 {n} 题的答案无效，请重新选择。',
      badComment: '留言最多 500 个字。', questionsChanged: '题目已更新，请重新作答。', badInput: '提交的内容有误：{message}',
      time: '{date} {from}–{to}', groupTitle: '您属于哪一类？（可不选）', preferNot: '不愿透露',
      groups: { ELDERLY: '老年人', YOUTH: '青少年', NEW_CITIZEN: '新市民', DISABLED: '残障人士', ETHNIC_MINORITY: '少数民族', GENERAL: '一般公众' },
    },
    en: {
      appTitle: 'Event feedback', loading: 'Loading…', otherLanguage: '中文', formTitle: 'Please answer these questions',
      noPersonalData: 'No name or phone number needed.', introBefore: 'Before the event starts, please answer a few short questions.',
      introAfter: 'The event is over: please answer a few questions and rate the event.',
      introRatingOnly: 'The event is over: please rate the event.',
      question: 'Question {n} of {total}', ratingTitle: 'How satisfied are you with this event?',
      commentLabel: 'Anything else to tell us? (optional)',
      ratings: ['Very unhappy', 'Unhappy', 'Neutral', 'Satisfied', 'Very satisfied'],
      submit: 'Submit', sending: 'Sending…', answerQuestion: 'Please answer question {n}.',
      chooseRating: 'Please choose how satisfied you are (1 to 5).',
      waitingTitle: 'Waiting for network…',
      waitingText: 'Your answers are saved on this phone and will be sent when the network is back. Please keep this page open.',
      offline: 'This phone has no network right now.', unreachable: 'Cannot reach the server; retrying soon.', retry: 'Try again now',
      thanks: 'Thank you!', alreadySent: 'Already submitted, thank you', score: '{correct} of {answered} correct',
      doneText: 'Thank you for taking part in this financial education event.',
      closedTitle: 'Feedback closed', closedText: 'This feedback link is closed or has expired and takes no more answers. Thank you!',
      badLinkTitle: 'Invalid link', badLinkText: 'This feedback link is not recognised. Please scan the QR code at the event again.',
      limitTitle: 'Cannot send now', limitText: 'Too many answers came from this network. Please use mobile data and try again later.',
      needNetworkTitle: 'Network needed', needNetworkText: 'Opening this page the first time needs a network. Please connect and try again.',
      errorTitle: 'Something went wrong', errorText: 'The server had a problem. Please try again later.',
      badRating: 'Please choose a rating from 1 to 5.', badAnswer: 'The answer to question {n} is not valid; please choose again.',
      badComment: 'The comment can be at most 500 characters.', questionsChanged: 'The questions have changed; please answer again.',
      badInput: 'Something in the answers is not valid: {message}', time: '{date} {from}–{to}',
      groupTitle: 'Which describes you? (optional)', preferNot: 'Prefer not to say',
      groups: {
        ELDERLY: 'Elderly', YOUTH: 'Young person', NEW_CITIZEN: 'New city resident', DISABLED: 'Person with a disability',
        ETHNIC_MINORITY: 'Ethnic minority', GENERAL: 'General public',
      },
    },
  };

  /** The contract's TargetGroup values, in its order. */
  var GROUPS = ['ELDERLY', 'YOUTH', 'NEW_CITIZEN', 'DISABLED', 'ETHNIC_MINORITY', 'GENERAL'];
  var KEY = 'finreach.feedback.';
  var MAX_RETRY_MS = 30000;
  var FORM_FIELDS =
    'eventId eventTitle venueName startsAt endsAt timeZone phase ratingAsked expiresAt questions { id position topic text options textEn optionsEn }';
  var Q = {
    form: 'query FeedbackForm($token: String!) { feedbackForm(token: $token) { ' + FORM_FIELDS + ' } }',
    submit:
      'mutation SubmitFeedback($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { accepted duplicate correct answered } }',
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
  /** Also keeps the value in memory, so the page works for this visit when storage is disabled or full. */
  function writeJson(key, value) {
    memory[key] = value;
    try {
      if (value == null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  /** A random UUID v4, also where crypto.randomUUID is missing (plain http, older phones). */
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

  /** One random id per phone, for every event: the server only stores a keyed hash of it per event. */
  function deviceToken() {
    var token = readJson(KEY + 'device');
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) {
      token = uuid();
      writeJson(KEY + 'device', token);
    }
    return token;
  }

  // ---------------------------------------------------------------- state

  var token = tokenFromPath();
  var lang = initialLanguage();
  var form = token ? readJson(KEY + 'form.' + token) : null;
  /** questionId → chosen option index. */
  var answers = {};
  var rating = null;
  /**
   * The group the attendee says describes them: null (none chosen, or "prefer not to say") sends none.
   * The last answer on this phone is offered again (the AFTER form follows the BEFORE one), so the
   * person answers it once and both rounds land in the same group's figures.
   */
  var lastGroup = readJson(KEY + 'group');
  var group = GROUPS.indexOf(lastGroup) >= 0 ? lastGroup : null;
  /** True once "prefer not to say" was tapped, so it shows as chosen. */
  var groupDeclined = lastGroup === '';
  var touched = false;
  var sending = false;
  var retryTimer = null;
  var retryDelay = 0;
  /** What is on screen: 'form', 'waiting', 'done' or 'message' (with its keys), for a language switch. */
  var screen = null;

  function tokenFromPath() {
    var match = /^\/feedback\/([^/]+)\/?$/.exec(location.pathname);
    if (!match) return null;
    try {
      return decodeURIComponent(match[1]);
    } catch (e) {
      return null;
    }
  }
  function initialLanguage() {
    var asked = /[?&]lang=([^&]+)/.exec(location.search);
    if (asked) {
      var wanted = decodeURIComponent(asked[1]).toLowerCase().indexOf('en') === 0 ? 'en' : 'zh-CN';
      writeJson(KEY + 'lang', wanted);
      return wanted;
    }
    var stored = readJson(KEY + 'lang');
    return TEXT[stored] ? stored : 'zh-CN';
  }

  // ---------------------------------------------------------------- helpers

  function $(id) {
    return document.getElementById(id);
  }
  function t(key, vars) {
    var s = TEXT[lang][key];
    if (s == null) s = TEXT['zh-CN'][key] || key;
    if (vars && typeof s === 'string') {
      Object.keys(vars).forEach(function (k) {
        s = s.split('{' + k + '}').join(String(vars[k]));
      });
    }
    return s;
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
  // The event's own time zone (APP_TIMEZONE), not the phone's: a visitor's phone may be set to any zone.
  function format(iso, options) {
    try {
      return new Intl.DateTimeFormat(lang, form && form.timeZone ? Object.assign({ timeZone: form.timeZone }, options) : options).format(new Date(iso));
    } catch (e) {
      return String(iso).slice(0, 16).replace('T', ' ');
    }
  }
  function questionText(q) {
    return lang === 'en' && q.textEn ? q.textEn : q.text;
  }
  function optionTexts(q) {
    return lang === 'en' && q.optionsEn && q.optionsEn.length === q.options.length ? q.optionsEn : q.options;
  }

  // ---------------------------------------------------------------- GraphQL

  function TransientError(message) {
    this.message = message;
  }

  /** POSTs one operation; resolves with the JSON body, rejects with TransientError when the network or the server failed. */
  function gql(query, variables) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, 20000) : null;
    return fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query: query, variables: variables }),
      cache: 'no-store', credentials: 'omit', signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (response.status >= 500) throw new TransientError('HTTP ' + response.status);
        return response.json();
      })
      .then(
        function (body) {
          if (!body || typeof body !== 'object') throw new TransientError('no body');
          return body;
        },
        function (error) {
          throw error instanceof TransientError ? error : new TransientError((error && error.message) || 'network');
        },
      )
      .finally(function () {
        if (timer) clearTimeout(timer);
      });
  }
  function firstError(body) {
    return (body && body.errors && body.errors[0]) || null;
  }
  function codeOf(error) {
    return (error && error.extensions && error.extensions.code) || null;
  }
  /** Errors that say "this will never be accepted"; anything else (a server fault) is worth another try. */
  function isPermanent(error) {
    return ['CONFLICT', 'NOT_FOUND', 'BAD_USER_INPUT'].indexOf(codeOf(error)) >= 0;
  }

  // ---------------------------------------------------------------- screens

  function showScreen(next) {
    screen = next;
    show($('boot'), false);
    show($('form-view'), next.name === 'form');
    show($('waiting-view'), next.name === 'waiting');
    show($('done-view'), next.name === 'done');
    show($('message-view'), next.name === 'message');
    renderEvent();
    renderScreen();
  }

  function renderScreen() {
    if (!screen) return;
    if (screen.name === 'form') renderForm();
    else if (screen.name === 'waiting') renderWaiting();
    else if (screen.name === 'done') renderDone();
    else if (screen.name === 'message') renderMessage();
  }

  function renderEvent() {
    var visible = !!form && screen && screen.name !== 'message';
    show($('event'), visible);
    if (!visible) return;
    $('event-title').textContent = form.eventTitle;
    var when = t('time', {
      date: format(form.startsAt, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }),
      from: format(form.startsAt, { hour: '2-digit', minute: '2-digit', hour12: false }),
      to: format(form.endsAt, { hour: '2-digit', minute: '2-digit', hour12: false }),
    });
    $('event-meta').textContent = '';
    $('event-meta').appendChild(el('span', 'when', when));
    $('event-meta').appendChild(el('span', 'venue', form.venueName));
  }

  function renderForm() {
    var intro = form.phase === 'BEFORE' ? t('introBefore') : form.questions.length ? t('introAfter') : t('introRatingOnly');
    var hint = document.querySelector('#form-view .hint');
    hint.textContent = intro + ' ' + t('noPersonalData');

    var holder = $('questions');
    holder.textContent = '';
    form.questions.forEach(function (q, i) {
      var fieldset = el('fieldset', 'block question');
      fieldset.id = 'question-' + i;
      var legend = el('legend');
      legend.appendChild(el('span', 'number', t('question', { n: i + 1, total: form.questions.length })));
      legend.appendChild(el('span', 'text', questionText(q)));
      fieldset.appendChild(legend);
      optionTexts(q).forEach(function (option, choice) {
        var label = el('label', 'choice');
        var input = el('input');
        input.type = 'radio';
        input.name = 'q' + i;
        input.value = String(choice);
        input.checked = answers[q.id] === choice;
        label.classList.toggle('checked', input.checked);
        input.addEventListener('change', function () {
          answers[q.id] = choice;
          markChecked(fieldset);
          touched = true;
          fieldset.classList.remove('invalid');
          clearError();
        });
        label.appendChild(input);
        label.appendChild(el('span', 'letter', String.fromCharCode(65 + choice)));
        label.appendChild(el('span', 'option', option));
        fieldset.appendChild(label);
      });
      holder.appendChild(fieldset);
    });

    show($('rating-block'), !!form.ratingAsked);
    show($('comment-block'), !!form.ratingAsked);
    var ratingHolder = $('rating');
    ratingHolder.textContent = '';
    if (form.ratingAsked) {
      t('ratings').forEach(function (name, i) {
        var value = i + 1;
        var label = el('label', 'rate rate-' + value);
        var input = el('input');
        input.type = 'radio';
        input.name = 'rating';
        input.value = String(value);
        input.checked = rating === value;
        label.classList.toggle('checked', input.checked);
        input.addEventListener('change', function () {
          rating = value;
          markChecked(ratingHolder);
          touched = true;
          $('rating-block').classList.remove('invalid');
          clearError();
        });
        label.appendChild(input);
        label.appendChild(el('span', 'rate-number', String(value)));
        label.appendChild(el('span', 'rate-name', name));
        ratingHolder.appendChild(label);
      });
    }
    renderGroups();
    $('submit').disabled = sending;
    $('submit').textContent = sending ? t('sending') : t('submit');
    if (screen.error) showError(screen.error);
    else clearError();
  }

  /** "Which describes you?": one large button per target group and "prefer not to say", all optional. */
  function renderGroups() {
    var holder = $('groups');
    holder.textContent = '';
    GROUPS.concat(['']).forEach(function (value) {
      var label = el('label', 'choice group' + (value ? '' : ' decline'));
      var input = el('input');
      input.type = 'radio';
      input.name = 'targetGroup';
      input.value = value;
      input.checked = value ? group === value : groupDeclined;
      label.classList.toggle('checked', input.checked);
      input.addEventListener('change', function () {
        group = value || null;
        groupDeclined = !value;
        markChecked(holder);
        touched = true;
      });
      label.appendChild(input);
      label.appendChild(el('span', 'option', value ? t('groups')[value] : t('preferNot')));
      holder.appendChild(label);
    });
  }

  /** The chosen label looks chosen (a class, as older phone browsers have no `:has`). */
  function markChecked(container) {
    Array.prototype.forEach.call(container.querySelectorAll('label'), function (label) {
      var input = label.querySelector('input');
      label.classList.toggle('checked', !!input && input.checked);
    });
  }

  function renderWaiting() {
    $('waiting-status').textContent = navigator.onLine === false ? t('offline') : sending ? t('sending') : t('unreachable');
    $('retry').disabled = sending;
  }

  function renderDone() {
    var result = screen.result;
    $('done-title').textContent = screen.fresh ? t('thanks') : t('alreadySent');
    show($('done-score'), result.answered > 0);
    $('done-score').textContent = t('score', { correct: result.correct, answered: result.answered });
  }

  function renderMessage() {
    $('message-title').textContent = t(screen.title);
    $('message-text').textContent = t(screen.text);
    show($('message-retry'), !!screen.retry);
  }

  /** `error` is a text key with its variables, or a server message. */
  function showError(error) {
    var node = $('form-error');
    node.textContent = error.key ? t(error.key, error.vars) : error.message;
    show(node, true);
  }
  function clearError() {
    if (screen && screen.name === 'form') screen.error = null;
    show($('form-error'), false);
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t('appTitle') + ' · finreach';
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    var other = lang === 'zh-CN' ? 'en' : 'zh-CN';
    $('lang').textContent = t('otherLanguage');
    $('lang').lang = other;
    renderEvent();
    renderScreen();
  }

  // ---------------------------------------------------------------- loading the form

  /** Fetches the form and keeps it; shows it unless the attendee is already answering a copy. */
  function loadForm() {
    return gql(Q.form, { token: token }).then(
      function (body) {
        var fresh = body.data && body.data.feedbackForm;
        if (!fresh) return refuse(firstError(body), 'load');
        var changed = !form || JSON.stringify(form.questions) !== JSON.stringify(fresh.questions) || form.ratingAsked !== fresh.ratingAsked;
        form = fresh;
        writeJson(KEY + 'form.' + token, fresh);
        if (screen && screen.name === 'form' && (!changed || touched)) renderEvent();
        else if (!screen || screen.name === 'form' || screen.name === 'message') showScreen({ name: 'form' });
        return undefined;
      },
      function () {
        if (form) return; // the kept copy is on screen; the server still checks the link on submit
        showScreen({ name: 'message', title: 'needNetworkTitle', text: 'needNetworkText', retry: true });
        scheduleRetry(loadForm);
      },
    );
  }

  // ---------------------------------------------------------------- submitting

  function onSubmit(event) {
    event.preventDefault();
    if (sending) return;
    for (var i = 0; i < form.questions.length; i++) {
      if (answers[form.questions[i].id] == null) {
        var fieldset = $('question-' + i);
        fieldset.classList.add('invalid');
        screen.error = { key: 'answerQuestion', vars: { n: i + 1 } };
        showError(screen.error);
        fieldset.scrollIntoView({ block: 'center' });
        fieldset.querySelector('input').focus();
        return;
      }
    }
    if (form.ratingAsked && rating == null) {
      $('rating-block').classList.add('invalid');
      screen.error = { key: 'chooseRating' };
      showError(screen.error);
      $('rating-block').scrollIntoView({ block: 'center' });
      $('rating-block').querySelector('input').focus();
      return;
    }
    var comment = $('comment').value.trim();
    var input = {
      deviceToken: deviceToken(),
      answers: form.questions.map(function (q) {
        return { questionId: q.id, choice: answers[q.id] };
      }),
    };
    if (form.ratingAsked) {
      input.rating = rating;
      input.comment = comment || null;
    }
    if (group) input.targetGroup = group;
    if (group || groupDeclined) writeJson(KEY + 'group', group || '');
    // Kept before sending: if the network drops now, a reload or the `online` event sends it again.
    writeJson(KEY + 'pending.' + token, { input: input, at: Date.now() });
    send();
  }

  /** Sends the kept submission, if any; one request at a time. */
  function send() {
    var pending = readJson(KEY + 'pending.' + token);
    if (!pending || sending) return Promise.resolve();
    clearTimeout(retryTimer);
    retryTimer = null;
    if (navigator.onLine === false) {
      // No network at all: wait for the `online` event (a timer retries too, in case it never fires).
      showScreen({ name: 'waiting' });
      scheduleRetry(send);
      return Promise.resolve();
    }
    sending = true;
    renderScreen();
    return gql(Q.submit, { token: token, input: pending.input })
      .then(
        function (body) {
          var result = body.data && body.data.submitFeedback;
          if (result) {
            retryDelay = 0;
            writeJson(KEY + 'done.' + token, { correct: result.correct, answered: result.answered, at: Date.now() });
            writeJson(KEY + 'pending.' + token, null);
            showScreen({ name: 'done', result: result, fresh: !result.duplicate });
            return;
          }
          var error = firstError(body);
          if (!isPermanent(error)) throw new TransientError(codeOf(error) || 'no data');
          writeJson(KEY + 'pending.' + token, null);
          refuse(error, 'submit', pending.input);
        },
      )
      .catch(function () {
        showScreen({ name: 'waiting' });
        scheduleRetry(send);
      })
      .finally(function () {
        sending = false;
        renderScreen();
      });
  }

  function scheduleRetry(task) {
    clearTimeout(retryTimer);
    retryDelay = Math.min(MAX_RETRY_MS, retryDelay ? retryDelay * 2 : 3000);
    retryTimer = setTimeout(function () {
      retryTimer = null;
      task();
    }, retryDelay);
  }

  /** A refusal from the server, on screen in the chosen language; `input` is restored into the form for a fixable one. */
  function refuse(error, during, input) {
    var code = codeOf(error);
    var reason = error && error.extensions ? error.extensions.reason : null;
    if (code === 'CONFLICT' && reason === 'FEEDBACK_CLOSED') {
      return showScreen({ name: 'message', title: 'closedTitle', text: 'closedText' });
    }
    if (code === 'CONFLICT' && reason === 'LIMIT_REACHED') {
      return showScreen({ name: 'message', title: 'limitTitle', text: 'limitText' });
    }
    if (code === 'NOT_FOUND') return showScreen({ name: 'message', title: 'badLinkTitle', text: 'badLinkText' });
    if (code === 'BAD_USER_INPUT' && during === 'submit' && form) {
      if (input) restore(input);
      return showScreen({ name: 'form', error: inputError(error) });
    }
    return showScreen({ name: 'message', title: 'errorTitle', text: 'errorText', retry: true });
  }

  function restore(input) {
    (input.answers || []).forEach(function (a) {
      answers[a.questionId] = a.choice;
    });
    if (input.rating != null) rating = input.rating;
    if (input.targetGroup) group = input.targetGroup;
    if (input.comment) $('comment').value = input.comment;
  }

  /** The server's BAD_USER_INPUT in words for the attendee, by the field it names. */
  function inputError(error) {
    var field = ((error.extensions && error.extensions.fields) || [])[0] || '';
    if (field === 'input.rating') {
      rating = null;
      return { key: 'badRating' };
    }
    if (field === 'input.comment') return { key: 'badComment' };
    var answer = /^input\.answers\.(\d+)\.(questionId|choice)$/.exec(field);
    if (answer && answer[2] === 'questionId') {
      // The quiz is not the one this phone kept: load it again.
      answers = {};
      writeJson(KEY + 'form.' + token, null);
      touched = false;
      loadForm();
      return { key: 'questionsChanged' };
    }
    if (answer) return { key: 'badAnswer', vars: { n: Number(answer[1]) + 1 } };
    return { key: 'badInput', vars: { message: error.message || '' } };
  }

  // ---------------------------------------------------------------- start

  function start() {
    $('lang').addEventListener('click', function () {
      lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
      writeJson(KEY + 'lang', lang);
      applyLanguage();
    });
    $('feedback-form').addEventListener('submit', onSubmit);
    $('comment').addEventListener('input', function () {
      touched = true;
    });
    $('retry').addEventListener('click', function () {
      retryDelay = 0;
      send();
    });
    $('message-retry').addEventListener('click', function () {
      retryDelay = 0;
      if (readJson(KEY + 'pending.' + token)) send();
      else loadForm();
    });
    window.addEventListener('online', function () {
      retryDelay = 0;
      if (readJson(KEY + 'pending.' + token)) send();
      else if (!form || (screen && screen.name === 'message')) loadForm();
    });
    window.addEventListener('offline', renderScreen);

    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/feedback/sw.js').catch(function () {});
    }

    applyLanguage();
    if (!token) return showScreen({ name: 'message', title: 'badLinkTitle', text: 'badLinkText' });
    var done = readJson(KEY + 'done.' + token);
    if (done) return showScreen({ name: 'done', result: done, fresh: false });
    if (readJson(KEY + 'pending.' + token)) {
      showScreen({ name: 'waiting' });
      return send();
    }
    if (form) showScreen({ name: 'form' });
    return loadForm();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

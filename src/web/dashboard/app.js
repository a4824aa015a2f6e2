/*
 * finreach reach dashboard (DESIGN.md section 6). Plain ES2019, no build step, no framework;
 * charts by Apache ECharts, served by this service next to this file.
 *
 * Everything on the page is one scope (an org unit, starting with the user's own) and one
 * filter (campaign, period, venue types). Each change asks /graphql once for the totals, the
 * child units, and the rows by target group, venue type and week; campaign progress is a
 * second request so that one failing never blanks the other. Exports fetch
 * /reports/reach.{csv,xlsx} with the same filter and the bearer token, and save the Blob.
 */
(function () {
  'use strict';

  /** The bank's time zone (APP_TIMEZONE); the presets name days there, as the API does. */
  var BANK_TIME_ZONE = 'Asia/Shanghai';
  var KEY = 'finreach.dashboard.';
  var ALLOWED_ROLES = ['ADMIN', 'HEAD_OFFICE_ANALYST', 'BRANCH_MANAGER'];

  var GROUPS = ['ELDERLY', 'YOUTH', 'NEW_CITIZEN', 'DISABLED', 'ETHNIC_MINORITY', 'GENERAL'];
  var VENUES = ['VILLAGE', 'COMMUNITY', 'SCHOOL', 'ENTERPRISE', 'BUSINESS_DISTRICT', 'OUTLET', 'ONLINE'];
  var FIGURES = ['events', 'attendees', 'onlineViews', 'peopleReached', 'leafletsDistributed', 'staffParticipations'];
  /** Learning outcomes (issue 9): rates, not counts, so they are shown and formatted apart from the reach figures. */
  var OUTCOMES = ['feedbackCount', 'averageRating', 'correctRate', 'learningGain'];
  var FIGURE_FIELDS = FIGURES.concat(OUTCOMES).join(' ');
  var OUTCOME_FIELDS = OUTCOMES.join(' ');

  var NAMES = {
    'zh-CN': {
      groups: { ELDERLY: '老年人', YOUTH: '青少年', NEW_CITIZEN: '新市民', DISABLED: '残障人士', ETHNIC_MINORITY: '少数民族', GENERAL: '一般公众' },
      venues: {
        VILLAGE: '进乡村', COMMUNITY: '进社区', SCHOOL: '进校园', ENTERPRISE: '进企业', BUSINESS_DISTRICT: '进商圈',
        OUTLET: '网点厅堂', ONLINE: '线上直播',
      },
      figures: {
        events: '活动场次', attendees: '现场参与人数', onlineViews: '线上观看人次', peopleReached: '触及人数',
        leafletsDistributed: '发放宣传折页', staffParticipations: '参与员工人次',
        feedbackCount: '反馈人数', averageRating: '平均满意度', correctRate: '答题正确率', learningGain: '学习提升',
      },
      metrics: {
        EVENTS: '活动场次', ATTENDEES: '现场参与人数', ONLINE_VIEWS: '线上观看人次', PEOPLE_REACHED: '触及人数',
        LEAFLETS_DISTRIBUTED: '发放宣传折页',
      },
      levels: { HEAD_OFFICE: '总行', BRANCH: '分行', SUB_BRANCH: '支行', OUTLET: '网点' },
    },
    en: {
      groups: {
        ELDERLY: 'Elderly', YOUTH: 'Youth', NEW_CITIZEN: 'New citizens', DISABLED: 'People with disabilities',
        ETHNIC_MINORITY: 'Ethnic minorities', GENERAL: 'General public',
      },
      venues: {
        VILLAGE: 'Villages', COMMUNITY: 'Communities', SCHOOL: 'Schools', ENTERPRISE: 'Enterprises',
        BUSINESS_DISTRICT: 'Business districts', OUTLET: 'Banking halls', ONLINE: 'Online',
      },
      figures: {
        events: 'Events', attendees: 'Attendees', onlineViews: 'Online views', peopleReached: 'People reached',
        leafletsDistributed: 'Leaflets distributed', staffParticipations: 'Staff participations',
        feedbackCount: 'Feedback', averageRating: 'Average rating', correctRate: 'Correct rate', learningGain: 'Learning gain',
      },
      metrics: {
        EVENTS: 'Events', ATTENDEES: 'Attendees', ONLINE_VIEWS: 'Online views', PEOPLE_REACHED: 'People reached',
        LEAFLETS_DISTRIBUTED: 'Leaflets distributed',
      },
      levels: { HEAD_OFFICE: 'Head office', BRANCH: 'Branch', SUB_BRANCH: 'Sub-branch', OUTLET: 'Outlet' },
    },
  };

  var TEXT = {
    'zh-CN': {
      appTitle: '宣传触达看板', pageTitle: '宣传触达看板 · finreach', loading: '正在加载…', otherLanguage: 'English',
      logout: '退出登录', loginTitle: '登录', loginHint: '请用您的工作账号登录。', email: '邮箱', password: '密码', loginButton: '登录',
      denied: '此页面供总行和分行管理人员使用。', filtersTitle: '筛选', campaign: '宣传活动', allCampaigns: '全部（不限活动）',
      from: '开始日期', to: '结束日期', presets: '快捷选择', presetMonth: '本月', presetYear: '今年', preset315: '3·15 宣传周',
      venueTypes: '活动场所', crumbsLabel: '组织层级', totalsTitle: '触达总计', exportLabel: '导出报表', exportCsv: '导出 CSV',
      exportXlsx: '导出 Excel', unitsTitle: '下级机构', unitsHint: '点击机构名称查看其下级机构。', unitsCaption: '下级机构的触达数据',
      unit: '机构', noChildren: '该机构没有下级机构。', byGroup: '按目标人群（现场参与人数）', byVenue: '按活动场所（触及人数）',
      byWeek: '按周（触及人数与活动场次）', progressTitle: '宣传活动进度', noCampaigns: '所选期间没有进行中的宣传活动。',
      asOf: '数据截至 {time}', signedInAs: '{name}', badLogin: '邮箱或密码不正确。', rateLimited: '尝试次数过多，请稍后再试。',
      fillLogin: '请填写邮箱和密码。', sessionEnded: '登录已过期，请重新登录。', network: '连不上服务器，请稍后再试。',
      fromAfterTo: '开始日期不能晚于结束日期。', fillDates: '请填写开始日期和结束日期。', loadFailed: '数据加载失败：{message}',
      progressFailed: '宣传活动进度加载失败：{message}', exporting: '正在导出…', exported: '已下载 {file}',
      exportFailed: '导出失败：{message}', onTrack: '进度正常', behind: '进度落后', noData: '暂无数据',
      progressValue: '已完成 {actual}，目标 {goal}', period: '{from} 至 {to}',
      drillTo: '查看 {name} 的下级机构', chartGroupLabel: '按目标人群的现场参与人数：{list}',
      chartVenueLabel: '按活动场所的触及人数：{list}', chartWeekLabel: '按周的触及人数：{list}', week: '{year} 年第 {week} 周',
      total: '合计', outcomesTitle: '学习成效', outcomesHint: '活动结束后的反馈问卷：满意度 1–5 分；学习提升为同一活动会后与会前答题正确率之差。',
      pointsUnit: '个百分点', byGroupOutcome: '按目标人群（答题正确率）',
      chartOutcomeLabel: '按目标人群的答题正确率：{list}',
    },
    en: {
      appTitle: 'Reach dashboard', pageTitle: 'Reach dashboard · finreach', loading: 'Loading…', otherLanguage: '中文',
      logout: 'Log out', loginTitle: 'Log in', loginHint: 'Log in with your work account.', email: 'Email', password: 'Password',
      loginButton: 'Log in', denied: 'This page is for head office and branch managers.', filtersTitle: 'Filters', campaign: 'Campaign',
      allCampaigns: 'All (any campaign)', from: 'From', to: 'To', presets: 'Quick picks', presetMonth: 'This month',
      presetYear: 'This year', preset315: '3·15 week', venueTypes: 'Venue types', crumbsLabel: 'Org units', totalsTitle: 'Reach',
      exportLabel: 'Export', exportCsv: 'Export CSV', exportXlsx: 'Export Excel', unitsTitle: 'Units below',
      unitsHint: 'Click a unit to see the units below it.', unitsCaption: 'Reach of the units below', unit: 'Unit',
      noChildren: 'This unit has no units below it.', byGroup: 'By target group (attendees)', byVenue: 'By venue type (people reached)',
      byWeek: 'By week (people reached and events)', progressTitle: 'Campaign progress',
      noCampaigns: 'No campaign runs in the chosen period.', asOf: 'As of {time}', signedInAs: '{name}',
      badLogin: 'Wrong email or password.', rateLimited: 'Too many attempts. Please wait and try again.',
      fillLogin: 'Please enter your email and password.', sessionEnded: 'Your session has ended. Please log in again.',
      network: 'Cannot reach the server. Please try again later.', fromAfterTo: 'The start date must not be after the end date.',
      fillDates: 'Please enter a start and an end date.', loadFailed: 'Could not load the figures: {message}',
      progressFailed: 'Could not load campaign progress: {message}', exporting: 'Exporting…', exported: 'Downloaded {file}',
      exportFailed: 'Export failed: {message}', onTrack: 'On track', behind: 'Behind', noData: 'No data',
      progressValue: '{actual} of {goal}', period: '{from} to {to}',
      drillTo: 'Show the units below {name}', chartGroupLabel: 'Attendees by target group: {list}',
      chartVenueLabel: 'People reached by venue type: {list}', chartWeekLabel: 'People reached by week: {list}',
      week: 'Week {week}, {year}', total: 'Total', outcomesTitle: 'Learning outcomes',
      outcomesHint: 'Feedback forms after the events: rating 1–5; learning gain is the correct rate after minus before at the same events.',
      pointsUnit: 'pts', byGroupOutcome: 'By target group (correct rate)',
      chartOutcomeLabel: 'Correct rate by target group: {list}',
    },
  };

  // ---------------------------------------------------------------- state

  function readJson(key) {
    try {
      var raw = localStorage.getItem(KEY + key);
      return raw == null ? null : JSON.parse(raw);
    } catch (e) {
      return null;
    }
  }
  function writeJson(key, value) {
    try {
      if (value == null) localStorage.removeItem(KEY + key);
      else localStorage.setItem(KEY + key, JSON.stringify(value));
    } catch (e) {
      /* storage unavailable: the page still works for this visit */
    }
  }

  var lang = readJson('lang') || 'zh-CN';
  if (!TEXT[lang]) lang = 'zh-CN';
  var session = readJson('session');
  var me = null;
  /** From the user's own unit down to the unit in view. */
  var scopePath = [];
  var campaigns = [];
  var filter = { campaignId: '', from: '', to: '', venueTypes: [] };
  /** The last answers, kept to re-render on a language switch without asking again. */
  var view = { reach: null, unit: null, progress: null };
  var charts = {};
  var loadSeq = 0;

  // ---------------------------------------------------------------- helpers

  function $(id) {
    return document.getElementById(id);
  }
  function t(key, vars) {
    var s = TEXT[lang][key];
    if (s == null) s = TEXT['zh-CN'][key] != null ? TEXT['zh-CN'][key] : key;
    if (vars) {
      Object.keys(vars).forEach(function (k) {
        s = s.split('{' + k + '}').join(String(vars[k]));
      });
    }
    return s;
  }
  function names(kind, value) {
    return (NAMES[lang][kind] && NAMES[lang][kind][value]) || value;
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
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function fmt(n) {
    if (n == null) return '–';
    try {
      return new Intl.NumberFormat(lang).format(n);
    } catch (e) {
      return String(n);
    }
  }
  function decimal(n, places) {
    try {
      return new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: places }).format(n);
    } catch (e) {
      return n.toFixed(places);
    }
  }
  /**
   * A learning outcome as the page shows it, with all the precision the API gives, as
   * [number, unit]: rating ["4.33", "/ 5"], correct rate ["83.3%", ""], learning gain
   * ["+25.0", "pts"]; ["—", ""] when there is none.
   */
  function outcomeParts(key, value) {
    if (key === 'feedbackCount') return [fmt(value || 0), ''];
    if (value == null) return ['—', ''];
    if (key === 'averageRating') return [decimal(value, 2), '/ 5'];
    if (key === 'correctRate') return [decimal(value * 100, 1) + '%', ''];
    var sign = value > 0 ? '+' : value < 0 ? '−' : '';
    return [sign + decimal(Math.abs(value) * 100, 1), t('pointsUnit')];
  }
  function fmtOutcome(key, value) {
    var parts = outcomeParts(key, value);
    return parts[1] ? parts[0] + ' ' + parts[1] : parts[0];
  }
  function dateTime(iso) {
    try {
      return new Intl.DateTimeFormat(lang, {
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
        timeZone: BANK_TIME_ZONE,
      }).format(new Date(iso));
    } catch (e) {
      return iso;
    }
  }

  // ---------------------------------------------------------------- dates (YYYY-MM-DD in the bank's time zone)

  function today() {
    try {
      var parts = new Intl.DateTimeFormat('en-CA', { timeZone: BANK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
        .formatToParts(new Date());
      var get = function (type) {
        return parts.filter(function (p) { return p.type === type; })[0].value;
      };
      return get('year') + '-' + get('month') + '-' + get('day');
    } catch (e) {
      return new Date().toISOString().slice(0, 10);
    }
  }
  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }
  /** A YYYY-MM-DD day as a Date at UTC midnight (calendar arithmetic only). */
  function utcDay(day) {
    return new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)));
  }
  function dayString(d) {
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  }
  function addDays(d, n) {
    return new Date(d.getTime() + n * 86400000);
  }
  /** The ISO week of a day as the API names it: 2025-W11. */
  function isoWeek(d) {
    var monday = addDays(d, -((d.getUTCDay() + 6) % 7));
    var thursday = addDays(monday, 3);
    var year = thursday.getUTCFullYear();
    var week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86400000)) + 1;
    return year + '-W' + pad(week);
  }
  function weeksBetween(from, to) {
    var weeks = [];
    var end = utcDay(to);
    for (var d = utcDay(from); d <= end && weeks.length < 400; d = addDays(d, 1)) {
      var w = isoWeek(d);
      if (weeks[weeks.length - 1] !== w) weeks.push(w);
    }
    return weeks;
  }
  function preset(name) {
    var now = today();
    var year = +now.slice(0, 4);
    if (name === 'month') {
      var month = +now.slice(5, 7);
      var last = new Date(Date.UTC(year, month, 0));
      return { from: now.slice(0, 8) + '01', to: dayString(last) };
    }
    if (name === 'week315') {
      // The ISO week (Monday to Sunday) that holds 15 March, as the bank's 3·15 consumer-rights week.
      var day315 = new Date(Date.UTC(year, 2, 15));
      var monday = addDays(day315, -((day315.getUTCDay() + 6) % 7));
      return { from: dayString(monday), to: dayString(addDays(monday, 6)) };
    }
    return { from: year + '-01-01', to: year + '-12-31' };
  }

  // ---------------------------------------------------------------- GraphQL

  function ApiError(code, message) {
    this.code = code;
    this.message = message;
  }

  function gql(query, variables) {
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (session && session.token) headers.Authorization = 'Bearer ' + session.token;
    return fetch('/graphql', {
      method: 'POST', headers: headers, body: JSON.stringify({ query: query, variables: variables || {} }),
      cache: 'no-store', credentials: 'omit',
    })
      .then(
        function (response) {
          return response.json().catch(function () {
            throw new ApiError('NETWORK', 'HTTP ' + response.status);
          });
        },
        function () {
          throw new ApiError('NETWORK', t('network'));
        },
      )
      .then(function (body) {
        var error = body && body.errors && body.errors[0];
        if (error) {
          var code = (error.extensions && error.extensions.code) || 'ERROR';
          if (code === 'UNAUTHENTICATED' && session) {
            endSession(t('sessionEnded'));
          }
          throw new ApiError(code, error.message);
        }
        return body.data;
      });
  }

  /**
   * The reach filter as GraphQL argument text plus its variables: only the fields that are
   * set, so an empty campaign or venue list means "all".
   */
  function reachFilter(orgUnitId) {
    var fields = ['orgUnitId: $orgUnitId', 'from: $from', 'to: $to'];
    var decl = ['$orgUnitId: ID!', '$from: Date!', '$to: Date!'];
    var variables = { orgUnitId: orgUnitId, from: filter.from, to: filter.to };
    if (filter.campaignId) {
      fields.push('campaignId: $campaignId');
      decl.push('$campaignId: ID!');
      variables.campaignId = filter.campaignId;
    }
    if (filter.venueTypes.length) {
      fields.push('venueTypes: $venueTypes');
      decl.push('$venueTypes: [VenueType!]!');
      variables.venueTypes = filter.venueTypes.slice();
    }
    return { arg: '{ ' + fields.join(', ') + ' }', decl: decl.join(', '), variables: variables };
  }

  function reachQuery(f) {
    return (
      'query DashboardReach(' + f.decl + ') {' +
      ' unit: orgUnit(id: $orgUnitId) { id name level children { id name level } }' +
      ' units: reach(filter: ' + f.arg + ', groupBy: [ORG_UNIT]) {' +
      ' totals { ' + FIGURE_FIELDS + ' } rows { orgUnit { id name level } figures { ' + FIGURE_FIELDS + ' } } asOf }' +
      ' groups: reach(filter: ' + f.arg + ', groupBy: [TARGET_GROUP]) { rows { targetGroup figures { events attendees ' + OUTCOME_FIELDS + ' } } }' +
      ' venues: reach(filter: ' + f.arg + ', groupBy: [VENUE_TYPE]) { rows { venueType figures { ' + FIGURE_FIELDS + ' } } }' +
      ' weeks: reach(filter: ' + f.arg + ', groupBy: [WEEK]) { rows { period figures { events attendees onlineViews peopleReached } } }' +
      ' }'
    );
  }

  var CAMPAIGN_LIST =
    'query DashboardCampaigns($orgUnitId: ID!) { campaigns(filter: { orgUnitId: $orgUnitId }, first: 200) {' +
    ' nodes { id name startDate endDate } } }';
  var CAMPAIGN_PROGRESS =
    'query DashboardProgress($orgUnitId: ID!) { campaigns(filter: { orgUnitId: $orgUnitId }, first: 200) {' +
    ' nodes { id name startDate endDate orgUnit { id name } progress { metric targetGroup goal actual ratio onTrack } } } }';

  // ---------------------------------------------------------------- language

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t('pageTitle');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-aria]'), function (node) {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-aria')));
    });
    var button = $('lang');
    button.textContent = t('otherLanguage');
    button.lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
    renderVenueOptions();
    renderCampaignOptions();
    if (me) renderWho();
    if (view.reach) renderReach();
    if (view.progress) renderProgress();
    renderCrumbs();
  }

  // ---------------------------------------------------------------- session

  function showOnly(which) {
    show($('boot'), which === 'boot');
    show($('login-view'), which === 'login');
    show($('denied'), which === 'denied');
    show($('dashboard-view'), which === 'dashboard');
    show($('logout'), which === 'dashboard' || which === 'denied');
    show($('who'), which === 'dashboard' || which === 'denied');
  }

  function endSession(message) {
    session = null;
    me = null;
    writeJson('session', null);
    view = { reach: null, unit: null, progress: null };
    disposeCharts();
    showOnly('login');
    var error = $('login-error');
    error.textContent = message || '';
    show(error, !!message);
  }

  function renderWho() {
    $('who').textContent = t('signedInAs', { name: me.name });
  }

  function start() {
    if (!session || !session.token) {
      showOnly('login');
      return;
    }
    gql('query DashboardMe { me { id name role orgUnit { id name level } } }')
      .then(function (data) {
        me = data.me;
        renderWho();
        if (ALLOWED_ROLES.indexOf(me.role) < 0) {
          showOnly('denied');
          return;
        }
        scopePath = [me.orgUnit];
        showOnly('dashboard');
        if (!filter.from) {
          var p = preset('year');
          filter.from = p.from;
          filter.to = p.to;
        }
        $('f-from').value = filter.from;
        $('f-to').value = filter.to;
        renderCrumbs();
        loadCampaigns();
        reload();
      })
      .catch(function (error) {
        if (!session) return; // already back at the login form
        showOnly('login');
        var box = $('login-error');
        box.textContent = error.message;
        show(box, true);
      });
  }

  function login(event) {
    event.preventDefault();
    var email = $('login-email').value.trim();
    var password = $('login-password').value;
    var error = $('login-error');
    if (!email || !password) {
      error.textContent = t('fillLogin');
      show(error, true);
      return;
    }
    var button = event.target.querySelector('button[type=submit]');
    button.disabled = true;
    gql('mutation DashboardLogin($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt } }', {
      email: email, password: password,
    })
      .then(function (data) {
        session = { token: data.login.token, expiresAt: data.login.expiresAt };
        writeJson('session', session);
        show(error, false);
        $('login-password').value = '';
        showOnly('boot');
        start();
      })
      .catch(function (e) {
        error.textContent = e.code === 'RATE_LIMITED' ? t('rateLimited') : e.code === 'NETWORK' ? t('network') : t('badLogin');
        show(error, true);
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  // ---------------------------------------------------------------- filters

  function renderVenueOptions() {
    var box = $('f-venues');
    clear(box);
    VENUES.forEach(function (venue) {
      var label = el('label', 'check');
      var input = el('input');
      input.type = 'checkbox';
      input.name = 'venueTypes';
      input.value = venue;
      input.checked = filter.venueTypes.indexOf(venue) >= 0;
      label.appendChild(input);
      label.appendChild(document.createTextNode(names('venues', venue)));
      box.appendChild(label);
    });
  }

  function renderCampaignOptions() {
    var select = $('f-campaign');
    clear(select);
    var all = el('option', null, t('allCampaigns'));
    all.value = '';
    select.appendChild(all);
    campaigns.forEach(function (c) {
      var option = el('option', null, c.name);
      option.value = c.id;
      select.appendChild(option);
    });
    select.value = filter.campaignId;
  }

  function loadCampaigns() {
    gql(CAMPAIGN_LIST, { orgUnitId: me.orgUnit.id })
      .then(function (data) {
        campaigns = data.campaigns.nodes.slice().sort(function (a, b) {
          return a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0;
        });
        renderCampaignOptions();
      })
      .catch(function () {
        /* the list stays at "all"; the report itself still loads */
      });
  }

  function readFilters() {
    filter.campaignId = $('f-campaign').value;
    filter.from = $('f-from').value;
    filter.to = $('f-to').value;
    filter.venueTypes = Array.prototype.filter
      .call(document.querySelectorAll('#f-venues input'), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }

  function filterProblem() {
    if (!filter.from || !filter.to) return t('fillDates');
    if (filter.from > filter.to) return t('fromAfterTo');
    return null;
  }

  var changeTimer = null;
  function onFilterChange(event) {
    if (event && event.target && event.target.id === 'f-campaign') {
      var chosen = campaigns.filter(function (c) { return c.id === event.target.value; })[0];
      if (chosen) {
        $('f-from').value = chosen.startDate;
        $('f-to').value = chosen.endDate;
      }
    }
    clearTimeout(changeTimer);
    changeTimer = setTimeout(function () {
      readFilters();
      reload();
    }, 150);
  }

  // ---------------------------------------------------------------- loading

  function reload() {
    var problem = filterProblem();
    var box = $('filter-error');
    box.textContent = problem || '';
    show(box, !!problem);
    if (problem) return;
    loadReach();
    loadProgress();
  }

  function scope() {
    return scopePath[scopePath.length - 1];
  }

  function loadReach() {
    var seq = ++loadSeq;
    var f = reachFilter(scope().id);
    $('totals').setAttribute('aria-busy', 'true');
    show($('load-error'), false);
    gql(reachQuery(f), f.variables)
      .then(function (data) {
        if (seq !== loadSeq) return;
        view.reach = data;
        view.unit = data.unit;
        renderReach();
      })
      .catch(function (error) {
        if (seq !== loadSeq || !session) return;
        var box = $('load-error');
        box.textContent = t('loadFailed', { message: error.message });
        show(box, true);
      })
      .finally(function () {
        if (seq === loadSeq) $('totals').setAttribute('aria-busy', 'false');
      });
  }

  var progressSeq = 0;
  function loadProgress() {
    var seq = ++progressSeq;
    show($('progress-error'), false);
    gql(CAMPAIGN_PROGRESS, { orgUnitId: scope().id })
      .then(function (data) {
        if (seq !== progressSeq) return;
        view.progress = data.campaigns.nodes;
        renderProgress();
      })
      .catch(function (error) {
        if (seq !== progressSeq || !session) return;
        view.progress = null;
        clear($('progress-list'));
        show($('progress-empty'), false);
        var box = $('progress-error');
        box.textContent = t('progressFailed', { message: error.message });
        show(box, true);
      });
  }

  // ---------------------------------------------------------------- rendering

  function renderCrumbs() {
    var list = $('crumb-list');
    clear(list);
    scopePath.forEach(function (unit, index) {
      var item = el('li');
      if (index === scopePath.length - 1) {
        var current = el('span', 'crumb-current', unit.name);
        current.setAttribute('aria-current', 'page');
        item.appendChild(current);
      } else {
        var button = el('button', 'crumb', unit.name);
        button.type = 'button';
        button.addEventListener('click', function () {
          scopePath = scopePath.slice(0, index + 1);
          renderCrumbs();
          reload();
        });
        item.appendChild(button);
      }
      list.appendChild(item);
    });
    $('scope-name').textContent = scopePath.length ? scope().name : '';
  }

  function drillDown(unit) {
    scopePath.push({ id: unit.id, name: unit.name, level: unit.level });
    renderCrumbs();
    reload();
    var title = $('totals-title');
    title.setAttribute('tabindex', '-1');
    title.focus({ preventScroll: true });
  }

  function renderReach() {
    var data = view.reach;
    renderTotals(data.units.totals, data.units.asOf);
    renderUnits(data.unit, data.units.rows);
    renderCharts(data);
  }

  function renderTotals(totals, asOf) {
    var list = $('totals');
    clear(list);
    FIGURES.forEach(function (key) {
      list.appendChild(totalItem(key, totals[key], [fmt(totals[key]), '']));
    });
    var outcomes = $('outcomes');
    clear(outcomes);
    OUTCOMES.forEach(function (key) {
      outcomes.appendChild(totalItem(key, totals[key], outcomeParts(key, totals[key])));
    });
    $('as-of').textContent = asOf ? t('asOf', { time: dateTime(asOf) }) : '';
  }

  /**
   * One figure of the totals, shown as [number, unit] (the unit smaller); `data-value` carries the
   * API's number as it came (empty for null), for tests and tools.
   */
  function totalItem(key, value, parts) {
    var item = el('div', 'total total-' + key);
    item.id = 'total-' + key;
    item.setAttribute('data-value', value == null ? '' : String(value));
    item.appendChild(el('dt', null, names('figures', key)));
    var dd = el('dd', null, parts[0]);
    if (parts[1]) {
      dd.appendChild(document.createTextNode(' '));
      dd.appendChild(el('span', 'unit', parts[1]));
    }
    item.appendChild(dd);
    return item;
  }

  function renderUnits(unit, rows) {
    var head = $('units-head');
    clear(head);
    var first = el('th', null, t('unit'));
    first.scope = 'col';
    head.appendChild(first);
    FIGURES.concat(OUTCOMES).forEach(function (key) {
      var th = el('th', 'num' + (key === OUTCOMES[0] ? ' outcome-start' : ''), names('figures', key));
      th.scope = 'col';
      head.appendChild(th);
    });

    var byId = {};
    (rows || []).forEach(function (row) {
      if (row.orgUnit) byId[row.orgUnit.id] = row;
    });
    // Every child unit, also those without a held event (their figures are zero).
    var children = (unit && unit.children ? unit.children : []).slice();
    Object.keys(byId).forEach(function (id) {
      if (!children.some(function (c) { return c.id === id; })) children.push(byId[id].orgUnit);
    });
    var body = $('units-body');
    clear(body);
    children.forEach(function (child) {
      var row = byId[child.id];
      var figures = row ? row.figures : null;
      var tr = el('tr');
      tr.setAttribute('data-unit-id', child.id);
      var th = el('th');
      th.scope = 'row';
      if (child.level !== 'OUTLET') {
        var button = el('button', 'drill', child.name);
        button.type = 'button';
        button.title = t('drillTo', { name: child.name });
        button.addEventListener('click', function () {
          drillDown(child);
        });
        th.appendChild(button);
      } else {
        th.textContent = child.name;
      }
      tr.appendChild(th);
      FIGURES.forEach(function (key) {
        var value = figures ? figures[key] : 0;
        var td = el('td', 'num', fmt(value));
        td.setAttribute('data-figure', key);
        tr.appendChild(td);
      });
      OUTCOMES.forEach(function (key) {
        // A unit without a row has held nothing: no feedback, no rates.
        var value = figures ? figures[key] : key === 'feedbackCount' ? 0 : null;
        var td = el('td', 'num' + (key === OUTCOMES[0] ? ' outcome-start' : ''), fmtOutcome(key, value));
        td.setAttribute('data-figure', key);
        td.setAttribute('data-value', value == null ? '' : String(value));
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    show($('units-empty'), children.length === 0);
    show($('units-table').parentNode, children.length > 0);
  }

  // ---------------------------------------------------------------- charts

  var PALETTE = ['#0b3d91', '#c2410c', '#15803d', '#7e22ce', '#0e7490', '#a16207', '#be123c'];

  function chart(id) {
    if (!window.echarts) return null;
    if (!charts[id]) {
      charts[id] = window.echarts.init($(id), null, { renderer: 'svg', locale: lang === 'zh-CN' ? 'ZH' : 'EN' });
    }
    return charts[id];
  }
  function disposeCharts() {
    Object.keys(charts).forEach(function (id) {
      charts[id].dispose();
    });
    charts = {};
  }

  function baseOption() {
    return {
      color: PALETTE,
      animation: false,
      textStyle: { fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif', fontSize: 13 },
      grid: { left: 8, right: 16, top: 36, bottom: 20, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    };
  }

  var BAR_LABEL = { show: true, position: 'top', formatter: function (p) { return fmt(p.value); } };

  /** Category names wrap onto a second line instead of being dropped when they do not fit. */
  var CATEGORY_LABEL = { interval: 0, width: 84, overflow: 'break', lineHeight: 14 };

  /** An axis tooltip with the main figure and the number of events of that category. */
  function tooltipWithEvents(labels, values, events, figure) {
    return function (params) {
      var i = params[0].dataIndex;
      return [labels[i], names('figures', figure) + ': ' + fmt(values[i]), names('figures', 'events') + ': ' + fmt(events[i])]
        .map(escapeHtml)
        .join('<br>');
    };
  }
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function describe(node, key, labels, values) {
    var list = labels.map(function (label, i) { return label + ' ' + fmt(values[i]); }).join(lang === 'zh-CN' ? '，' : ', ');
    node.setAttribute('aria-label', t(key, { list: list || t('noData') }));
  }

  function renderCharts(data) {
    if (!window.echarts) return;
    // A language switch changes ECharts' own locale too: start the charts afresh.
    if (renderCharts.lang !== lang) {
      disposeCharts();
      renderCharts.lang = lang;
    }

    var groupRows = {};
    data.groups.rows.forEach(function (row) {
      groupRows[row.targetGroup] = row.figures;
    });
    var groupLabels = GROUPS.map(function (g) { return names('groups', g); });
    var groupValues = GROUPS.map(function (g) { return groupRows[g] ? groupRows[g].attendees || 0 : 0; });
    var groupEvents = GROUPS.map(function (g) { return groupRows[g] ? groupRows[g].events || 0 : 0; });
    var option = baseOption();
    option.grid.top = 24;
    option.xAxis = { type: 'category', data: groupLabels, axisLabel: CATEGORY_LABEL };
    option.yAxis = { type: 'value', minInterval: 1 };
    option.tooltip.formatter = tooltipWithEvents(groupLabels, groupValues, groupEvents, 'attendees');
    option.series = [
      { name: names('figures', 'attendees'), type: 'bar', data: groupValues, barMaxWidth: 48, label: BAR_LABEL },
    ];
    chart('chart-group').setOption(option, true);
    describe($('chart-group'), 'chartGroupLabel', groupLabels, groupValues);
    renderOutcomeChart(groupRows, groupLabels);

    var venueRows = {};
    data.venues.rows.forEach(function (row) {
      venueRows[row.venueType] = row.figures;
    });
    var venues = filter.venueTypes.length ? filter.venueTypes : VENUES;
    var venueLabels = venues.map(function (v) { return names('venues', v); });
    var venueValues = venues.map(function (v) { return venueRows[v] ? venueRows[v].peopleReached || 0 : 0; });
    var venueEvents = venues.map(function (v) { return venueRows[v] ? venueRows[v].events || 0 : 0; });
    option = baseOption();
    option.grid.top = 24;
    option.xAxis = { type: 'category', data: venueLabels, axisLabel: CATEGORY_LABEL };
    option.yAxis = { type: 'value', minInterval: 1 };
    option.tooltip.formatter = tooltipWithEvents(venueLabels, venueValues, venueEvents, 'peopleReached');
    option.series = [
      { name: names('figures', 'peopleReached'), type: 'bar', data: venueValues, barMaxWidth: 48, label: BAR_LABEL },
    ];
    chart('chart-venue').setOption(option, true);
    describe($('chart-venue'), 'chartVenueLabel', venueLabels, venueValues);

    var weekRows = {};
    data.weeks.rows.forEach(function (row) {
      weekRows[row.period] = row.figures;
    });
    var weeks = weeksBetween(filter.from, filter.to);
    Object.keys(weekRows).forEach(function (w) {
      if (weeks.indexOf(w) < 0) weeks.push(w);
    });
    weeks.sort();
    // "W11" for the weeks of the first year; a week of another year names its year too.
    var weekLabels = weeks.map(function (w) { return w.slice(0, 4) === filter.from.slice(0, 4) ? w.slice(5) : w; });
    var weekReached = weeks.map(function (w) { return weekRows[w] ? weekRows[w].peopleReached || 0 : 0; });
    var weekEvents = weeks.map(function (w) { return weekRows[w] ? weekRows[w].events || 0 : 0; });
    option = baseOption();
    option.legend = { top: 0, data: [names('figures', 'peopleReached'), names('figures', 'events')] };
    option.grid.right = 24;
    option.xAxis = { type: 'category', data: weekLabels, axisLabel: { hideOverlap: true } };
    option.yAxis = [
      { type: 'value', minInterval: 1, name: names('figures', 'peopleReached'), nameTextStyle: { align: 'left' } },
      { type: 'value', minInterval: 1, name: names('figures', 'events'), nameTextStyle: { align: 'right' }, splitLine: { show: false } },
    ];
    option.series = [
      { name: names('figures', 'peopleReached'), type: 'bar', data: weekReached, barMaxWidth: 28 },
      { name: names('figures', 'events'), type: 'line', yAxisIndex: 1, data: weekEvents, symbolSize: 6 },
    ];
    chart('chart-week').setOption(option, true);
    var nonEmpty = weeks.filter(function (w, i) { return weekReached[i] > 0; });
    describe(
      $('chart-week'),
      'chartWeekLabel',
      nonEmpty.map(function (w) { return t('week', { year: w.slice(0, 4), week: +w.slice(6) }); }),
      nonEmpty.map(function (w) { return weekRows[w].peopleReached || 0; }),
    );
  }

  /** Correct rate by the group people said they belong to, in percent; a group without quiz answers has no bar. */
  function renderOutcomeChart(groupRows, groupLabels) {
    var rates = GROUPS.map(function (g) {
      return groupRows[g] && groupRows[g].correctRate != null ? groupRows[g].correctRate : null;
    });
    var option = baseOption();
    option.grid.top = 24;
    option.xAxis = { type: 'category', data: groupLabels, axisLabel: CATEGORY_LABEL };
    option.yAxis = { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { formatter: '{value}%' } };
    option.tooltip.formatter = function (params) {
      var figures = groupRows[GROUPS[params[0].dataIndex]] || {};
      var lines = [groupLabels[params[0].dataIndex]];
      OUTCOMES.forEach(function (key) {
        lines.push(names('figures', key) + ': ' + fmtOutcome(key, figures[key]));
      });
      return lines.map(escapeHtml).join('<br>');
    };
    option.series = [
      {
        name: names('figures', 'correctRate'),
        type: 'bar',
        // Percent to one decimal, exactly what the totals show (the API gives the rate to three places).
        data: rates.map(function (r) { return r == null ? null : Math.round(r * 1000) / 10; }),
        barMaxWidth: 48,
        label: { show: true, position: 'top', formatter: function (p) { return fmtOutcome('correctRate', rates[p.dataIndex]); } },
      },
    ];
    chart('chart-outcome').setOption(option, true);
    var list = GROUPS.filter(function (g, i) { return rates[i] != null; })
      .map(function (g) { return names('groups', g) + ' ' + fmtOutcome('correctRate', groupRows[g].correctRate); })
      .join(lang === 'zh-CN' ? '，' : ', ');
    $('chart-outcome').setAttribute('aria-label', t('chartOutcomeLabel', { list: list || t('noData') }));
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      Object.keys(charts).forEach(function (id) {
        charts[id].resize();
      });
    }, 100);
  });

  // ---------------------------------------------------------------- campaign progress

  /** Campaigns that run on some day of the period (and the chosen one only, when one is chosen). */
  function campaignsInView() {
    return (view.progress || []).filter(function (c) {
      if (filter.campaignId && c.id !== filter.campaignId) return false;
      return c.startDate <= filter.to && c.endDate >= filter.from;
    });
  }

  function renderProgress() {
    var list = $('progress-list');
    clear(list);
    var shown = campaignsInView();
    show($('progress-empty'), shown.length === 0);
    shown.forEach(function (c) {
      var item = el('article', 'campaign');
      item.setAttribute('data-campaign-id', c.id);
      var head = el('div', 'campaign-head');
      head.appendChild(el('h3', null, c.name));
      head.appendChild(el('span', 'hint small', t('period', { from: c.startDate, to: c.endDate }) + (c.orgUnit ? ' · ' + c.orgUnit.name : '')));
      item.appendChild(head);
      (c.progress || []).forEach(function (p) {
        var group = p.targetGroup ? ' · ' + names('groups', p.targetGroup) : '';
        var label = names('metrics', p.metric) + group;
        var row = el('div', 'target ' + (p.onTrack ? 'on-track' : 'behind'));
        var labelId = 'pl-' + c.id + '-' + p.metric + '-' + (p.targetGroup || 'ALL');
        var name = el('span', 'target-name', label);
        name.id = labelId;
        row.appendChild(name);
        var bar = el('div', 'bar-track');
        bar.setAttribute('role', 'progressbar');
        bar.setAttribute('aria-labelledby', labelId);
        bar.setAttribute('aria-valuemin', '0');
        bar.setAttribute('aria-valuemax', String(p.goal));
        bar.setAttribute('aria-valuenow', String(Math.min(p.actual, p.goal)));
        bar.setAttribute('aria-valuetext', t('progressValue', { actual: fmt(p.actual), goal: fmt(p.goal) }) + ' · ' + (p.onTrack ? t('onTrack') : t('behind')));
        var fill = el('div', 'bar-fill');
        fill.style.width = Math.max(0, Math.min(100, (p.ratio || 0) * 100)).toFixed(1) + '%';
        bar.appendChild(fill);
        row.appendChild(bar);
        var figures = el('span', 'target-figures');
        figures.appendChild(el('strong', null, fmt(p.actual) + ' / ' + fmt(p.goal)));
        figures.appendChild(document.createTextNode(' (' + Math.round((p.ratio || 0) * 100) + '%) '));
        figures.appendChild(el('span', 'badge', p.onTrack ? t('onTrack') : t('behind')));
        row.appendChild(figures);
        item.appendChild(row);
      });
      list.appendChild(item);
    });
  }

  // ---------------------------------------------------------------- exports

  function reportUrl(ext) {
    var params = [];
    var add = function (name, value) {
      params.push(encodeURIComponent(name) + '=' + encodeURIComponent(value));
    };
    add('orgUnitId', scope().id);
    if (filter.campaignId) add('campaignId', filter.campaignId);
    add('from', filter.from);
    add('to', filter.to);
    filter.venueTypes.forEach(function (v) { add('venueTypes', v); });
    add('groupBy', 'ORG_UNIT');
    add('locale', lang === 'en' ? 'en' : 'zh-CN');
    return '/reports/reach.' + ext + '?' + params.join('&');
  }

  /** The file name a Content-Disposition header gives (RFC 6266: filename* wins over filename). */
  function fileName(header, fallback) {
    if (!header) return fallback;
    var star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
    if (star) {
      try {
        return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
      } catch (e) {
        /* fall through */
      }
    }
    var plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
    if (plain) return (plain[2] != null ? plain[2] : plain[1]).trim();
    return fallback;
  }

  function exportReport(ext, button) {
    readFilters();
    var problem = filterProblem();
    var status = $('export-status');
    if (problem) {
      status.textContent = problem;
      return;
    }
    button.disabled = true;
    status.textContent = t('exporting');
    fetch(reportUrl(ext), { headers: { Authorization: 'Bearer ' + session.token }, cache: 'no-store', credentials: 'omit' })
      .then(function (response) {
        if (response.status === 401) {
          endSession(t('sessionEnded'));
          throw new ApiError('UNAUTHENTICATED', t('sessionEnded'));
        }
        if (!response.ok) {
          return response.text().then(function (text) {
            var message = 'HTTP ' + response.status;
            try {
              var body = JSON.parse(text);
              message = body.message || (body.errors && body.errors[0] && body.errors[0].message) || message;
            } catch (e) {
              /* not JSON */
            }
            throw new ApiError('HTTP', Array.isArray(message) ? message.join('; ') : message);
          });
        }
        var name = fileName(response.headers.get('Content-Disposition'), 'reach.' + ext);
        return response.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var link = document.createElement('a');
          link.href = url;
          link.download = name;
          link.hidden = true;
          document.body.appendChild(link);
          link.click();
          document.body.removeChild(link);
          setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
          status.textContent = t('exported', { file: name });
        });
      })
      .catch(function (error) {
        if (!session) return;
        status.textContent = t('exportFailed', { message: error.message || t('network') });
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  // ---------------------------------------------------------------- wiring

  function init() {
    $('lang').addEventListener('click', function () {
      lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
      writeJson('lang', lang);
      applyLanguage();
    });
    $('logout').addEventListener('click', function () {
      endSession('');
      scopePath = [];
      renderCrumbs();
    });
    $('login-form').addEventListener('submit', login);
    $('filters').addEventListener('submit', function (event) {
      event.preventDefault();
    });
    $('filters').addEventListener('change', onFilterChange);
    Array.prototype.forEach.call(document.querySelectorAll('[data-preset]'), function (button) {
      button.addEventListener('click', function () {
        var p = preset(button.getAttribute('data-preset'));
        $('f-from').value = p.from;
        $('f-to').value = p.to;
        onFilterChange();
      });
    });
    $('export-csv').addEventListener('click', function (event) {
      exportReport('csv', event.currentTarget);
    });
    $('export-xlsx').addEventListener('click', function (event) {
      exportReport('xlsx', event.currentTarget);
    });
    applyLanguage();
    start();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();

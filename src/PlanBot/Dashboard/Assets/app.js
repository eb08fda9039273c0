// The dashboard page: logs in (Telegram's initData from the Mini App's launch address, or the cookie a one-time link
// set), then draws the bot's JSON. Every text comes from the bot's text catalogue (/api/texts); nothing is fetched
// from anywhere but the bot.
(function () {
  'use strict';
  const LIGHTS = ['Red', 'AtRisk', 'OnTrack', 'Done'];
  const COLOURS = { Red: '#e53935', AtRisk: '#f6c343', OnTrack: '#43a047', Done: '#9e9e9e' };
  const $ = (id) => document.getElementById(id);
  let T = {};
  let lightNames = {};
  let chart = null;
  let everyRow = [];
  let lists = [];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') node.className = v; else if (k.startsWith('data-')) node.setAttribute(k, v); else node[k] = v;
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
    return node;
  }

  function fill(template, ...args) { return template.replace(/\{(\d+)\}/g, (_, i) => args[+i]); }

  // The session from a Telegram login, sent as a bearer token: inside Telegram Web or Desktop the page is a frame of
  // another site, where the browser keeps no cookie. A one-time link's session travels in the cookie.
  let sessionToken = null;

  async function getJson(url) {
    const headers = sessionToken ? { Authorization: 'Bearer ' + sessionToken } : {};
    const response = await fetch(url, { credentials: 'same-origin', headers });
    if (response.status === 401) throw new Error('unauthorized');
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }

  // Telegram opens a Mini App with its signed data in the address's fragment: #tgWebAppData=<initData>&tgWebAppVersion=…
  async function telegramLogin() {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const initData = fragment.get('tgWebAppData');
    if (!initData) return;
    history.replaceState(null, '', location.pathname);
    const response = await fetch('/api/session/telegram', {
      method: 'POST', credentials: 'same-origin', body: new URLSearchParams({ initData }),
    });
    if (response.ok) sessionToken = (await response.json()).token;
  }

  function refuse() {
    $('status').hidden = true;
    $('board').hidden = true;
    $('task').hidden = true;
    const box = $('refused');
    box.textContent = T.refused;
    box.hidden = false;
  }

  function option(value, label) { return el('option', { value }, label); }

  function fillSelect(select, values, label) {
    const chosen = select.value;
    select.replaceChildren(option('', T.all), ...values.map((v) => option(v, label ? label(v) : v)));
    select.value = values.includes(chosen) ? chosen : '';
  }

  function query() {
    const q = new URLSearchParams();
    const map = { month: 'month', list: 'filter-list', unit: 'filter-unit', light: 'filter-light', owner: 'filter-owner' };
    for (const [key, id] of Object.entries(map)) if ($(id).value) q.set(key, $(id).value);
    return q.toString();
  }

  function drawCounts(overview) {
    $('as-of').textContent = overview.month ? fill(T.monthEnd, overview.month) : fill(T.asOf, overview.asOf);
    $('counts').replaceChildren(...overview.lists.map((l) => el('div', { class: 'list-card', 'data-list': l.list, onclick: () => { $('filter-list').value = l.list; loadTasks(); } },
      el('h2', {}, `${l.name} (${l.prefix}) · ${l.total}`),
      el('div', { class: 'lights' }, ...LIGHTS.map((light) => el('span', { class: 'count light-' + light, 'data-light': light, 'data-count': String(l[lcFirst(light)]) },
        el('span', { class: 'dot light-' + light }), `${lightNames[light]} ${l[lcFirst(light)]}`))))));
    const data = {
      labels: overview.lists.map((l) => l.name),
      datasets: LIGHTS.map((light) => ({ label: lightNames[light], backgroundColor: COLOURS[light], data: overview.lists.map((l) => l[lcFirst(light)]) })),
    };
    if (chart) { chart.data = data; chart.update(); return; }
    chart = new Chart($('chart'), {
      type: 'bar', data,
      options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } } },
    });
  }

  function lcFirst(s) { return s[0].toLowerCase() + s.slice(1); }

  // A table per list, in the lists' order; a list with no matching task is left out.
  function drawRows(rows) {
    $('total').textContent = rows.length ? fill(T.total, rows.length) : T.none;
    const head = () => el('thead', {}, el('tr', {}, ...['code', 'task', 'unit', 'owner', 'deadline', 'progress', 'light', 'updated'].map((k) => el('th', {}, T[k]))));
    $('tables').replaceChildren(...lists.filter((l) => rows.some((r) => r.list === l.list)).map((l) => el('div', { class: 'table-box', 'data-list': l.list },
      el('h2', {}, `${l.name} (${l.prefix})`),
      el('table', {}, head(), el('tbody', {}, ...rows.filter((r) => r.list === l.list).map((r) => el('tr', { 'data-code': r.code, 'data-light': r.light, onclick: () => { location.hash = 'task/' + r.code; } },
        el('td', {}, r.code), el('td', {}, r.title), el('td', {}, r.leadUnit), el('td', {}, r.owner), el('td', {}, r.deadline),
        el('td', {}, `${r.progress}% / ${r.scheduled}%`),
        el('td', { class: 'light light-' + r.light, title: r.lightText }, el('span', { class: 'dot light-' + r.light }), r.lightName),
        el('td', {}, r.lastUpdate || '—'))))))));
  }

  async function loadTasks() {
    try { drawRows(await getJson('/api/tasks?' + query())); } catch (e) { if (e.message === 'unauthorized') refuse(); }
  }

  async function loadBoard() {
    const month = $('month').value;
    const [overview, rows] = await Promise.all([
      getJson('/api/overview' + (month ? '?month=' + month : '')),
      getJson('/api/tasks' + (month ? '?month=' + month : '')),
    ]);
    everyRow = rows;
    lists = overview.lists;
    const months = overview.months;
    $('month').replaceChildren(option('', T.now), ...months.map((m) => option(m, m)));
    $('month').value = month;
    drawCounts(overview);
    fillSelect($('filter-list'), overview.lists.map((l) => l.list), (v) => overview.lists.find((l) => l.list === v).name);
    fillSelect($('filter-unit'), [...new Set(everyRow.map((r) => r.leadUnit).filter(Boolean))].sort());
    fillSelect($('filter-light'), LIGHTS, (v) => lightNames[v]);
    fillSelect($('filter-owner'), [...new Set(everyRow.map((r) => r.owner).filter(Boolean))].sort());
    await loadTasks();
  }

  function section(title, items) {
    return [el('h3', {}, title), items.length ? el('ul', {}, ...items.map((i) => el('li', {}, i))) : el('p', {}, '—')];
  }

  async function showTask(code) {
    let task;
    try { task = await getJson('/api/tasks/' + encodeURIComponent(code)); } catch (e) { if (e.message === 'unauthorized') refuse(); else location.hash = ''; return; }
    const r = task.row;
    $('board').hidden = true;
    const page = $('task');
    page.replaceChildren(
      el('button', { class: 'back', onclick: () => { location.hash = ''; } }, T.back),
      el('h2', { 'data-code': r.code }, `${r.code} ${r.title}`),
      el('p', { class: 'light light-' + r.light }, el('span', { class: 'dot light-' + r.light }), `${r.lightName} · ${r.lightText}`),
      el('p', {}, `${T.unit}: ${r.leadUnit} · ${T.owner}: ${r.owner}` + (task.coOwners.length ? ` · ${T.coOwners}: ${task.coOwners.join('、')}` : '')),
      el('p', {}, `${T.deadline}: ${r.deadline}` + (task.originalDeadline ? ` (${T.originalDeadline} ${task.originalDeadline})` : '') + ` · ${T.progress}: ${r.progress}% / ${r.scheduled}%`),
      ...(task.target ? [el('p', {}, `${T.target}: ${task.target}`)] : []),
      ...(task.detail ? [el('h3', {}, T.detail), el('p', {}, task.detail)] : []),
      ...section(T.milestones, task.milestones.map((m) => `${m.date} ${m.title} · ${m.expected}%`)),
      ...section(T.extensions, task.extensions.map((x) => `${x.askedOn} → ${x.requested} · ${x.status} · ${x.reason}`)),
      el('h3', {}, T.history),
      el('ul', { id: 'history' }, ...task.history.map((h) => el('li', {}, `${h.at.slice(0, 16).replace('T', ' ')} ${h.who}:${h.what}(${h.channel})`))));
    page.hidden = false;
    window.scrollTo(0, 0);
  }

  async function route() {
    const match = /^#task\/(.+)$/.exec(location.hash);
    if (match) { await showTask(decodeURIComponent(match[1])); return; }
    $('task').hidden = true;
    $('board').hidden = false;
  }

  async function useTexts(language) {
    T = await getJson('/api/texts' + (language ? '?lang=' + language : ''));
    lightNames = Object.fromEntries(LIGHTS.map((light) => [light, T['lightName.' + light]]));
    for (const node of document.querySelectorAll('[data-text]')) node.textContent = T[node.dataset.text];
    document.title = $('title').textContent = T.title;
  }

  async function start() {
    await useTexts('');
    await telegramLogin();
    let me;
    try { me = await getJson('/api/me'); } catch (e) { refuse(); return; }
    if (me.language === 'en') await useTexts('en');
    $('who').textContent = me.name;
    $('scope').textContent = me.seesAll ? '' : T.ownTasks;
    $('status').hidden = true;
    $('month').onchange = loadBoard;
    for (const id of ['filter-list', 'filter-unit', 'filter-light', 'filter-owner']) $(id).onchange = loadTasks;
    window.onhashchange = route;
    await loadBoard();
    await route();
    document.body.dataset.ready = 'true';
  }

  start().catch(() => refuse());
})();

'use strict';
// The usage dashboard: reads GET /v1/usage with the admin token or an API key (kept in sessionStorage, sent as
// Bearer) and draws the charts with Chart.js. body[data-state] says where it is: signed-out, loading, ready, error.
// It tells admin.js who signed in (llmgw:usage, detail.admin when the usage API showed every team) and when they
// signed out (llmgw:signed-out), and shares its token key and money format with it (window.LlmGateway).
(function () {
  const TOKEN_KEY = 'llmgw.dashboard.token';
  const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d',
    '#9333ea', '#ea580c'];
  const charts = {};
  const byId = (id) => document.getElementById(id);

  // Most calls cost a fraction of a cent: amounts under a dollar keep three significant digits.
  const dollars = (amount) => '$' + Number(amount).toLocaleString('en-US', Math.abs(amount) >= 1 || amount === 0
    ? {minimumFractionDigits: 2, maximumFractionDigits: 2} : {maximumSignificantDigits: 3});
  const count = (n) => Number(n).toLocaleString('en-US');
  const percent = (part, whole) => (whole === 0 ? 0 : (100 * part) / whole);
  window.LlmGateway = {TOKEN_KEY, dollars};

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  function addDays(day, days) {
    const date = new Date(day + 'T00:00:00Z');
    date.setUTCDate(date.getUTCDate() + days);
    return isoDay(date);
  }

  function daysOf(from, to) {
    const days = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      days.push(day);
    }
    return days;
  }

  function showMessage(text) {
    byId('message').textContent = text;
    byId('message').hidden = !text;
  }

  function setState(state) {
    document.body.dataset.state = state;
  }

  async function usage(groupBy) {
    const query = new URLSearchParams({from: byId('from').value, to: addDays(byId('to').value, 1)});
    if (groupBy) {
      query.set('group_by', groupBy);
    }
    const response = await fetch('/v1/usage?' + query, {
      headers: {Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY), Accept: 'application/json'}
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(body && body.error ? body.error.message : 'The gateway answered ' + response.status + '.');
      error.status = response.status;
      throw error;
    }
    return body;
  }

  /** One dataset per value of `dimension`, one point per day, of `figure`. */
  function seriesPerDay(report, dimension, figure, days) {
    const series = new Map();
    for (const row of report.data) {
      const name = row[dimension] === null ? '(no ' + dimension + ')' : row[dimension];
      if (!series.has(name)) {
        series.set(name, new Map());
      }
      series.get(name).set(row.day, Number(row[figure]));
    }
    return [...series.entries()].map(([name, perDay], i) => ({
      label: name,
      data: days.map((day) => perDay.get(day) || 0),
      backgroundColor: PALETTE[i % PALETTE.length]
    }));
  }

  function draw(id, config) {
    if (charts[id]) {
      charts[id].destroy();
    }
    config.options = Object.assign({animation: false, responsive: true, maintainAspectRatio: false}, config.options);
    charts[id] = new Chart(byId(id), config);
  }

  const money = {ticks: {callback: (value) => dollars(value)}};

  function drawCostPer(id, report, dimension, days) {
    draw(id, {
      type: 'bar',
      data: {labels: days, datasets: seriesPerDay(report, dimension, 'cost_usd', days)},
      options: {scales: {x: {stacked: true}, y: Object.assign({stacked: true, beginAtZero: true}, money)}}
    });
  }

  function drawTokens(perDay, days) {
    const figure = (name) => days.map((day) => (perDay.get(day) ? perDay.get(day)[name] : 0));
    draw('tokens', {
      type: 'bar',
      data: {
        labels: days, datasets: [
          {label: 'Input tokens', data: figure('input_tokens'), backgroundColor: PALETTE[0]},
          {label: 'Output tokens', data: figure('output_tokens'), backgroundColor: PALETTE[3]},
          {label: 'Prompt-cache reads', data: figure('cache_read_tokens'), backgroundColor: PALETTE[5]}
        ]
      },
      options: {scales: {y: {beginAtZero: true}}}
    });
  }

  function drawCache(perDay, days) {
    const rate = days.map((day) => {
      const row = perDay.get(day);
      return row ? percent(row.cache_hits, row.requests) : 0;
    });
    const saved = days.map((day) => (perDay.get(day) ? Number(perDay.get(day).saved_cost_usd) : 0));
    draw('cache', {
      type: 'bar',
      data: {
        labels: days, datasets: [
          {type: 'line', label: 'Cache hit rate (%)', data: rate, borderColor: PALETTE[1], backgroundColor: PALETTE[1],
            yAxisID: 'rate', order: 0, pointRadius: 4},
          {label: 'Cost saved (USD)', data: saved, backgroundColor: PALETTE[2], yAxisID: 'saved', order: 1}
        ]
      },
      options: {
        scales: {
          saved: Object.assign({position: 'left', beginAtZero: true}, money),
          rate: {position: 'right', beginAtZero: true, max: 100, grid: {drawOnChartArea: false}}
        }
      }
    });
  }

  function drawRegions(report) {
    const rows = report.data;
    draw('regions', {
      type: 'bar',
      data: {
        labels: rows.map((row) => (row.region === null ? '(no region)' : row.region)),
        datasets: [
          {label: 'Error rate (%)', data: rows.map((row) => percent(row.errors, row.requests)),
            backgroundColor: PALETTE[1]},
          {label: 'Throttle rate (%)', data: rows.map((row) => percent(row.throttles, row.requests)),
            backgroundColor: PALETTE[3]}
        ]
      },
      options: {scales: {y: {beginAtZero: true, suggestedMax: 10}}}
    });
  }

  function showTotals(totals, team) {
    const requests = Number(totals.requests);
    byId('total-cost').textContent = dollars(Number(totals.cost_usd));
    byId('total-requests').textContent = count(requests);
    byId('total-tokens').textContent = count(totals.input_tokens) + ' / ' + count(totals.output_tokens);
    byId('total-cache-rate').textContent = percent(totals.cache_hits, requests).toFixed(1) + '%';
    byId('total-saved').textContent = dollars(Number(totals.saved_cost_usd));
    byId('total-errors').textContent = count(totals.errors) + ' / ' + count(totals.throttles);
    byId('who').textContent = team === null ? 'All teams' : 'Team ' + team;
  }

  async function load() {
    setState('loading');
    showMessage('');
    try {
      const [perTeam, perFeature, perDay, perRegion] = await Promise.all(
        ['team,day', 'feature,day', 'day', 'region'].map(usage));
      const days = daysOf(byId('from').value, byId('to').value);
      const daily = new Map(perDay.data.map((row) => [row.day, row]));
      showTotals(perDay.totals, perDay.team);
      drawCostPer('cost-by-team', perTeam, 'team', days);
      drawCostPer('cost-by-feature', perFeature, 'feature', days);
      drawTokens(daily, days);
      drawCache(daily, days);
      drawRegions(perRegion);
      setState('ready');
      document.dispatchEvent(new CustomEvent('llmgw:usage', {detail: {admin: perDay.team === null}}));
    } catch (error) {
      if (error.status === 401) {
        signOut();
      } else {
        setState('error');
      }
      showMessage(error.message);
    }
  }

  function signedIn() {
    byId('login').hidden = true;
    byId('dashboard').hidden = false;
    byId('sign-out').hidden = false;
    load();
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    for (const id of Object.keys(charts)) {
      charts[id].destroy();
      delete charts[id];
    }
    byId('login').hidden = false;
    byId('dashboard').hidden = true;
    byId('sign-out').hidden = true;
    byId('who').textContent = '';
    setState('signed-out');
    document.dispatchEvent(new CustomEvent('llmgw:signed-out'));
  }

  document.addEventListener('DOMContentLoaded', () => {
    const today = isoDay(new Date());
    byId('to').value = today;
    byId('from').value = addDays(today, -29);
    byId('login').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, byId('token').value.trim());
      byId('token').value = '';
      signedIn();
    });
    byId('period').addEventListener('submit', (event) => {
      event.preventDefault();
      load();
    });
    byId('sign-out').addEventListener('click', () => {
      showMessage('');
      signOut();
    });
    if (sessionStorage.getItem(TOKEN_KEY)) {
      signedIn();
    }
  });
})();

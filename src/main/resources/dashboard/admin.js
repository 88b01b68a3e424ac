'use strict';
// The admin's pages of the dashboard, shown once the usage API has shown every team (an admin credential): teams
// (create, edit, delete), keys (create, edit, rotate, revoke, filtered by team; a new secret is shown once and never
// stored) and budgets (spent, reserved, left, projected month end). They call the admin API with the credential the
// user signed in with, sent as Bearer, never in an address. Each page's section[data-state] says where it is: idle,
// loading, ready, error.
(function () {
  const shared = window.LlmGateway;
  const byId = (id) => document.getElementById(id);
  const PAGES = ['dashboard', 'teams-page', 'keys-page', 'budgets-page'];
  const loaders = {};
  let teams = [];
  let keys = [];
  let teamToDelete = null;

  async function api(method, path, body) {
    const init = {method, headers: {
      Authorization: 'Bearer ' + sessionStorage.getItem(shared.TOKEN_KEY), Accept: 'application/json'}};
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const answer = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(answer && answer.error ? answer.error.message : 'The gateway answered ' + response.status + '.');
    }
    return answer;
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '–' : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function button(td, text, onClick, className) {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = text;
    if (className) {
      element.className = className;
    }
    element.addEventListener('click', onClick);
    td.appendChild(element);
  }

  /** Runs a page's action: its state while it runs, and the API's refusal, if any, in the page's message. */
  async function run(pageId, what, action) {
    const page = byId(pageId);
    const message = page.querySelector('.message');
    message.hidden = true;
    page.dataset.state = 'loading';
    try {
      await action();
      page.dataset.state = 'ready';
    } catch (error) {
      message.textContent = what + ': ' + error.message;
      message.hidden = false;
      page.dataset.state = 'error';
    }
  }

  // ---- teams ----

  // Each form field, the admin API's field it is, and how its text reads: empty is null (the configured default).
  const TEAM_FIELDS = [
    ['team-rpm', 'requests_per_minute', 'number'], ['team-tpm', 'tokens_per_minute', 'number'],
    ['team-concurrent', 'concurrent_requests', 'number'], ['team-budget', 'monthly_budget_usd', 'number'],
    ['team-feature-budgets', 'feature_budgets_usd', 'budgets'], ['team-models', 'models', 'list'],
    ['team-injection', 'injection_policy', 'text'], ['team-untrusted', 'untrusted_policy', 'text'],
    ['team-pii', 'pii_redact_upstream', 'boolean'],
    ['team-max-prompt', 'max_prompt_tokens', 'number'], ['team-max-output', 'max_output_tokens', 'number'],
    ['team-thresholds', 'budget_alert_thresholds_percent', 'thresholds']];

  function label(input) {
    return input.closest('label').firstChild.textContent.trim();
  }

  function list(text) {
    return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
  }

  function number(text, input) {
    const value = Number(text);
    if (text === '' || Number.isNaN(value)) {
      throw new Error(label(input) + ': \'' + text + '\' is not a number.');
    }
    return value;
  }

  function read(input, kind) {
    if (input.validity && input.validity.badInput) {
      throw new Error(label(input) + ': not a number.');
    }
    const text = input.value.trim();
    if (text === '') {
      return null;
    }
    switch (kind) {
      case 'number': return number(text, input);
      case 'list': return list(text);
      case 'boolean': return text === 'true';
      case 'thresholds': return text.toLowerCase() === 'none' ? [] : list(text).map((item) => number(item, input));
      case 'budgets': return Object.fromEntries(list(text).map((entry) => {
        const parts = entry.split('=');
        if (parts.length !== 2 || parts[0].trim() === '') {
          throw new Error(label(input) + ': write feature=dollars, separated by commas (\'' + entry + '\').');
        }
        return [parts[0].trim(), number(parts[1].trim(), input)];
      }));
      default: return text;
    }
  }

  function write(input, kind, value) {
    if (value === null || value === undefined) {
      input.value = '';
    } else if (kind === 'list') {
      input.value = value.join(', ');
    } else if (kind === 'thresholds') {
      input.value = value.length === 0 ? 'none' : value.join(', ');
    } else if (kind === 'budgets') {
      input.value = Object.entries(value).map(([feature, usd]) => feature + '=' + usd).join(', ');
    } else {
      input.value = String(value);
    }
  }

  // The team's Bedrock guardrail: three inputs for one field of the API; all three empty is null (the configured one).
  const GUARDRAIL_INPUTS = [['team-guardrail-id', 'identifier'], ['team-guardrail-version', 'version'],
    ['team-guardrail-region', 'region']];

  function readGuardrail() {
    const guardrail = {};
    for (const [id, part] of GUARDRAIL_INPUTS) {
      const text = byId(id).value.trim();
      if (text !== '') {
        guardrail[part] = text;
      }
    }
    if (Object.keys(guardrail).length === 0) {
      return null;
    }
    if (!guardrail.identifier || !guardrail.version) {
      throw new Error('Guardrail: give its id and version (the region is optional), or leave all three empty.');
    }
    return guardrail;
  }

  function writeGuardrail(guardrail) {
    for (const [id, part] of GUARDRAIL_INPUTS) {
      byId(id).value = guardrail && guardrail[part] ? guardrail[part] : '';
    }
  }

  function teamForm(team) {
    const form = byId('team-form');
    form.dataset.mode = team ? 'edit' : 'create';
    byId('team-form-title').textContent = team ? 'Team ' + team.team : 'New team';
    byId('team-save').textContent = team ? 'Save changes' : 'Create team';
    byId('team-name').value = team ? team.team : '';
    byId('team-name').readOnly = Boolean(team);
    for (const [id, field, kind] of TEAM_FIELDS) {
      write(byId(id), kind, team ? team[field] : null);
    }
    writeGuardrail(team ? team.guardrail : null);
  }

  function showTeams() {
    const body = byId('teams-table').querySelector('tbody');
    body.replaceChildren();
    for (const team of teams) {
      const row = document.createElement('tr');
      row.dataset.team = team.team;
      cell(row, team.team);
      cell(row, team.requests_per_minute);
      cell(row, team.tokens_per_minute);
      cell(row, team.concurrent_requests);
      cell(row, team.monthly_budget_usd);
      cell(row, team.models ? team.models.join(', ') : 'all');
      const actions = cell(row, '');
      button(actions, 'Edit', () => teamForm(team));
      button(actions, 'Keys', () => {
        byId('keys-team-filter').dataset.wanted = team.team;
        show('keys-page');
      }, 'secondary');
      button(actions, 'Delete', () => askToDelete(team), 'danger');
      body.appendChild(row);
    }
  }

  loaders['teams-page'] = () => run('teams-page', 'Could not list the teams', async () => {
    teams = (await api('GET', '/admin/teams')).data;
    showTeams();
  });

  function saveTeam() {
    const editing = byId('team-form').dataset.mode === 'edit';
    const name = byId('team-name').value.trim();
    return run('teams-page', editing ? 'Could not change team ' + name : 'Could not create the team', async () => {
      const fields = {};
      for (const [id, field, kind] of TEAM_FIELDS) {
        const value = read(byId(id), kind);
        if (editing || value !== null) {
          fields[field] = value;
        }
      }
      const guardrail = readGuardrail();
      if (editing || guardrail !== null) {
        fields.guardrail = guardrail;
      }
      const saved = editing ? await api('PATCH', '/admin/teams/' + encodeURIComponent(name), fields)
        : await api('POST', '/admin/teams', Object.assign({team: name}, fields));
      teams = (await api('GET', '/admin/teams')).data;
      showTeams();
      teamForm(saved);
    });
  }

  function hideDeletion() {
    teamToDelete = null;
    byId('team-delete').hidden = true;
  }

  /** Asks before deleting: the team's name and the keys its deletion revokes, as the API lists them now. */
  function askToDelete(team) {
    return run('teams-page', 'Could not read the keys of team ' + team.team, async () => {
      hideDeletion();
      const active = (await api('GET', '/admin/keys?team=' + encodeURIComponent(team.team))).data
        .filter((key) => !key.revoked_at);
      teamToDelete = team.team;
      byId('team-delete').dataset.team = team.team;
      byId('team-delete-note').textContent = 'Delete team ' + team.team + '? '
        + (active.length === 0 ? 'It has no active keys.' : 'Its ' + active.length + ' active key'
          + (active.length === 1 ? '' : 's') + ' will be revoked: ' + active.map((key) => key.id).join(', ') + '.')
        + ' Its spend stays; creating the team again does not bring the keys back.';
      byId('team-delete-confirm').textContent = 'Delete team ' + team.team;
      byId('team-delete').hidden = false;
    });
  }

  function deleteTeam() {
    const name = teamToDelete;
    return run('teams-page', 'Could not delete team ' + name, async () => {
      hideDeletion();
      await api('DELETE', '/admin/teams/' + encodeURIComponent(name));
      teams = (await api('GET', '/admin/teams')).data;
      showTeams();
      if (byId('team-name').value.trim() === name) {
        teamForm(null);
      }
    });
  }

  // ---- keys ----

  function hideSecret() {
    byId('key-secret-value').textContent = '';
    byId('key-secret-note').textContent = '';
    byId('key-secret').hidden = true;
  }

  function showSecret(note, secret) {
    byId('key-secret-note').textContent = note;
    byId('key-secret-value').textContent = secret;
    byId('key-secret').hidden = false;
  }

  function keyStatus(key) {
    if (key.revoked_at) {
      return 'revoked ' + key.revoked_at;
    }
    if (key.expires_at && new Date(key.expires_at) <= new Date()) {
      return 'expired';
    }
    if (key.previous_secret_valid_until && new Date(key.previous_secret_valid_until) > new Date()) {
      return 'active (old secret until ' + key.previous_secret_valid_until + ')';
    }
    return 'active';
  }

  /** The filter offers every team that has keys; the team chosen stays chosen while it has any. */
  function showTeamFilter() {
    const filter = byId('keys-team-filter');
    const chosen = filter.dataset.wanted !== undefined ? filter.dataset.wanted : filter.value;
    delete filter.dataset.wanted;
    const names = [...new Set(keys.map((key) => key.team))].sort();
    if (chosen !== '' && !names.includes(chosen)) {
      names.push(chosen);
    }
    filter.replaceChildren(new Option('every team', ''), ...names.map((name) => new Option(name, name)));
    filter.value = chosen;
  }

  function showKeys() {
    const team = byId('keys-team-filter').value;
    const body = byId('keys-table').querySelector('tbody');
    body.replaceChildren();
    for (const key of keys.filter((candidate) => team === '' || candidate.team === team)) {
      const row = document.createElement('tr');
      row.dataset.key = key.id;
      cell(row, key.id);
      cell(row, key.prefix);
      cell(row, key.team);
      cell(row, key.name);
      cell(row, key.models ? key.models.join(', ') : 'the team\'s');
      cell(row, key.expires_at || 'never');
      cell(row, key.requests_per_minute);
      cell(row, key.tokens_per_minute);
      cell(row, keyStatus(key));
      const actions = cell(row, '');
      if (!key.revoked_at) {
        button(actions, 'Edit', () => keyForm(key));
        button(actions, 'Rotate', () => rotateKey(key));
        button(actions, 'Revoke', () => revokeKey(key), 'danger');
      }
      body.appendChild(row);
    }
  }

  async function reloadKeys() {
    keys = (await api('GET', '/admin/keys')).data;
    showTeamFilter();
    showKeys();
  }

  loaders['keys-page'] = () => run('keys-page', 'Could not list the keys', reloadKeys);

  /** A datetime-local value read as UTC, as the label says. */
  function utcInstant(input) {
    if (input.validity && input.validity.badInput) {
      throw new Error(label(input) + ': not a date and time.');
    }
    return input.value === '' ? null : new Date(input.value + 'Z').toISOString();
  }

  /** The key's expiry as the form shows it: UTC, to the second. */
  function shownExpiry(expiresAt) {
    return expiresAt ? expiresAt.slice(0, 19) : '';
  }

  /** The form for a new key, or for changing a key's models, expiry and rate limits (its team, name, feature stay). */
  function keyForm(key) {
    const form = byId('key-form');
    form.reset();
    form.dataset.mode = key ? 'edit' : 'create';
    form.dataset.key = key ? key.id : '';
    byId('key-form-title').textContent = key ? 'Key ' + key.id : 'New key';
    byId('key-create').textContent = key ? 'Save changes' : 'Create key';
    for (const id of ['key-team', 'key-name', 'key-feature']) {
      byId(id).readOnly = Boolean(key);
    }
    if (key) {
      byId('key-team').value = key.team;
      byId('key-name').value = key.name;
      write(byId('key-feature'), 'text', key.feature);
      write(byId('key-models'), 'list', key.models);
      byId('key-expires').value = shownExpiry(key.expires_at);
      write(byId('key-rpm'), 'number', key.requests_per_minute);
      write(byId('key-tpm'), 'number', key.tokens_per_minute);
    }
    // an expiry left as shown is sent as the key has it (to the millisecond), so that saving does not move it
    byId('key-expires').dataset.original = key && key.expires_at ? key.expires_at : '';
    byId('key-expires').dataset.shown = byId('key-expires').value;
  }

  /** What the form says of the fields an edit sends, every one of them: empty is null, which clears it. */
  function keyFields() {
    const expires = byId('key-expires');
    const original = expires.dataset.original;
    return {
      models: read(byId('key-models'), 'list'),
      expires_at: original && expires.value === expires.dataset.shown ? original : utcInstant(expires),
      requests_per_minute: read(byId('key-rpm'), 'number'), tokens_per_minute: read(byId('key-tpm'), 'number')};
  }

  function saveKey() {
    const id = byId('key-form').dataset.key;
    return run('keys-page', id ? 'Could not change the key ' + id : 'Could not create the key', async () => {
      hideSecret();
      if (id) {
        keyForm(await api('PATCH', '/admin/keys/' + encodeURIComponent(id), keyFields()));
        await reloadKeys();
        return;
      }
      const body = {team: byId('key-team').value.trim(), name: byId('key-name').value.trim()};
      const optional = Object.assign({feature: read(byId('key-feature'), 'text')}, keyFields());
      for (const [field, value] of Object.entries(optional)) {
        if (value !== null) {
          body[field] = value;
        }
      }
      const created = await api('POST', '/admin/keys', body);
      keyForm(null);
      showSecret('The key ' + created.id + ' of team ' + created.team + '. Copy it now: it is shown only this once.',
        created.key);
      await reloadKeys();
    });
  }

  function rotateKey(key) {
    return run('keys-page', 'Could not rotate the key ' + key.id, async () => {
      hideSecret();
      const rotated = await api('POST', '/admin/keys/' + encodeURIComponent(key.id) + '/rotate');
      showSecret('The new secret of ' + rotated.id + '. Copy it now: it is shown only this once. The old one works '
        + 'until ' + rotated.previous_secret_valid_until + '.', rotated.key);
      await reloadKeys();
    });
  }

  function revokeKey(key) {
    return run('keys-page', 'Could not revoke the key ' + key.id, async () => {
      hideSecret();
      await api('DELETE', '/admin/keys/' + encodeURIComponent(key.id));
      await reloadKeys();
    });
  }

  // ---- budgets ----

  /** The share of a calendar month (UTC, "2026-12") gone by at `now`, from 0 to 1. */
  function elapsedShare(month, now) {
    const [year, monthNumber] = month.split('-').map(Number);
    const start = Date.UTC(year, monthNumber - 1, 1);
    const end = Date.UTC(year, monthNumber, 1);
    return Math.min(1, Math.max(0, (now - start) / (end - start)));
  }

  function amountCell(row, usd, over) {
    const td = cell(row, usd === null ? null : shared.dollars(usd), over ? 'amount over' : 'amount');
    td.dataset.usd = usd === null ? '' : String(usd);
    return td;
  }

  function budgetRow(body, label, spend, share, className) {
    const row = document.createElement('tr');
    row.className = className;
    cell(row, label);
    const spent = Number(spend.spent_usd);
    const budget = spend.budget_usd === null ? null : Number(spend.budget_usd);
    const projected = share > 0 ? spent / share : null;
    amountCell(row, budget);
    amountCell(row, spent);
    amountCell(row, Number(spend.reserved_usd));
    amountCell(row, spend.left_usd === null ? null : Number(spend.left_usd));
    amountCell(row, projected, budget !== null && projected !== null && projected > budget).dataset.column = 'projected';
    body.appendChild(row);
    return row;
  }

  loaders['budgets-page'] = () => run('budgets-page', 'Could not read the budgets', async () => {
    const listed = (await api('GET', '/admin/teams')).data;
    const details = await Promise.all(listed.map((team) => api('GET', '/admin/teams/' + encodeURIComponent(team.team))));
    const body = byId('budgets-table').querySelector('tbody');
    body.replaceChildren();
    const now = Date.now();
    let month = null;
    let share = 0;
    for (const team of details) {
      month = team.spend.month;
      share = elapsedShare(month, now);
      budgetRow(body, team.team, team.spend, share, 'team').dataset.team = team.team;
      for (const [feature, spend] of Object.entries(team.feature_spend)) {
        const row = budgetRow(body, team.team + ' / ' + feature, spend, share, 'feature');
        row.dataset.team = team.team;
        row.dataset.feature = feature;
      }
    }
    const note = byId('budgets-note');
    note.dataset.elapsedShare = String(share);
    note.textContent = month === null ? 'No teams yet.' : 'Month ' + month + ' (UTC), ' + (100 * share).toFixed(1)
      + '% gone by. Projected month end = spent so far ÷ the share of the month gone by (calls in flight not '
      + 'counted); red where it passes the budget. Left = budget − spent − reserved.';
  });

  // ---- pages ----

  function show(pageId) {
    for (const id of PAGES) {
      byId(id).hidden = id !== pageId;
    }
    for (const tab of byId('admin-nav').querySelectorAll('button')) {
      tab.setAttribute('aria-current', tab.dataset.page === pageId ? 'page' : 'false');
    }
    hideSecret();
    hideDeletion();
    if (loaders[pageId]) {
      loaders[pageId]();
    }
  }

  function reset() {
    byId('admin-nav').hidden = true;
    for (const id of PAGES.slice(1)) {
      byId(id).hidden = true;
      byId(id).dataset.state = 'idle';
      byId(id).querySelector('.message').hidden = true;
      for (const body of byId(id).querySelectorAll('tbody')) {
        body.replaceChildren();
      }
    }
    hideSecret();
    hideDeletion();
    teams = [];
    keys = [];
    teamForm(null);
    keyForm(null);
  }

  document.addEventListener('DOMContentLoaded', () => {
    for (const tab of byId('admin-nav').querySelectorAll('button')) {
      tab.addEventListener('click', () => show(tab.dataset.page));
    }
    byId('team-form').addEventListener('submit', (event) => {
      event.preventDefault();
      saveTeam();
    });
    byId('team-new').addEventListener('click', () => teamForm(null));
    byId('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      saveKey();
    });
    byId('key-new').addEventListener('click', () => keyForm(null));
    byId('keys-team-filter').addEventListener('change', showKeys);
    byId('team-delete-confirm').addEventListener('click', deleteTeam);
    byId('team-delete-cancel').addEventListener('click', hideDeletion);
    byId('key-secret-done').addEventListener('click', hideSecret);
  });
  document.addEventListener('llmgw:usage', (event) => {
    byId('admin-nav').hidden = !event.detail.admin;
  });
  document.addEventListener('llmgw:signed-out', reset);
})();

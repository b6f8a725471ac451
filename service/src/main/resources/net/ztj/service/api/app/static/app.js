// The controller's web UI: a page per hash route (#/ networks, #/network/<id>/<tab>), built with DOM calls only
// (no innerHTML, so nothing a member or network name holds is ever parsed as markup). It uses the daemon's ordinary
// /controller API with the session cookie; every state-changing request carries the session's CSRF token.
'use strict';

const POLL_MS = 3000;
const state = { csrf: null, address: '', poll: null, route: '', members: [], memberFilter: '', memberSort: 'address',
  memberSortDesc: false };

// ---- small helpers ----

/** Creates an element: h('button', {type: 'button', onclick: f}, 'text', child...). */
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else if (k === 'className') e.className = v;
    else if (k === 'value') e.value = v;
    else if (k === 'checked') e.checked = !!v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function main() {
  return document.getElementById('main');
}

function flash(text, error) {
  const f = document.getElementById('flash');
  f.replaceChildren(h('div', { className: 'msg' + (error ? ' error' : '') }, text));
  clearTimeout(flash.timer);
  flash.at = Date.now();
  flash.timer = setTimeout(() => f.replaceChildren(), error ? 8000 : 3000);
}

/** Clears a message left from an earlier page (one just shown, e.g. "created" before moving to it, stays). */
function clearStaleFlash() {
  if (Date.now() - (flash.at || 0) > 1000) document.getElementById('flash').replaceChildren();
}

class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.error || body.description)) || ('HTTP ' + status));
    this.status = status;
    this.body = body;
  }
}

/** A request to the daemon; resolves to the parsed JSON, rejects with an ApiError for any other status than 200. */
async function api(method, path, body) {
  const headers = {};
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (state.csrf) headers['X-CSRF-Token'] = state.csrf;
  }
  const r = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body) });
  let json = null;
  const text = await r.text();
  if (text) {
    try { json = JSON.parse(text); } catch (e) { json = null; }
  }
  if (r.status === 401 && !path.startsWith('/app/api/')) {
    state.csrf = null;
    showLogin('Your session ended; please log in again.');
    throw new ApiError(401, json);
  }
  if (r.status !== 200) throw new ApiError(r.status, json);
  return json;
}

function reportError(e) {
  if (e instanceof ApiError && e.status === 401) return;
  flash(e.message || String(e), true);
}

function stopPolling() {
  if (state.poll) clearInterval(state.poll);
  state.poll = null;
}

function fmtAgo(ms) {
  if (!ms) return 'never';
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.round(s / 60) + ' min ago';
  if (s < 86400) return Math.round(s / 3600) + ' h ago';
  return new Date(ms).toLocaleString();
}

function version(m) {
  return m.vMajor >= 0 ? m.vMajor + '.' + m.vMinor + '.' + m.vRev : '';
}

// ---- IPv4 arithmetic for the "easy setup" ----

function ipv4ToInt(text) {
  const p = text.trim().split('.');
  if (p.length !== 4) return null;
  let v = 0;
  for (const x of p) {
    if (!/^\d{1,3}$/.test(x) || Number(x) > 255) return null;
    v = v * 256 + Number(x);
  }
  return v;
}

function intToIpv4(v) {
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

/** "10.1.2.0/24" -> {target, start, end}: the route and the pool of the usable addresses; null if not a CIDR. */
function easySetup(cidr) {
  const m = /^\s*([0-9.]+)\/(\d{1,2})\s*$/.exec(cidr || '');
  if (!m) return null;
  const ip = ipv4ToInt(m[1]);
  const bits = Number(m[2]);
  if (ip === null || bits < 8 || bits > 32) return null;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const net = (ip & mask) >>> 0;
  const last = (net | (~mask >>> 0)) >>> 0;
  const start = bits >= 31 ? net : net + 1;
  const end = bits >= 31 ? last : last - 1;
  return { target: intToIpv4(net) + '/' + bits, start: intToIpv4(start), end: intToIpv4(end) };
}

// ---- log-in ----

async function boot() {
  document.getElementById('logout').addEventListener('click', logout);
  window.addEventListener('hashchange', () => render());
  try {
    const s = await api('GET', '/app/api/session');
    if (s.authenticated) {
      state.csrf = s.csrfToken;
      await loggedIn();
    } else {
      showLogin(null, s.passwordSet);
    }
  } catch (e) {
    main().replaceChildren(h('p', { className: 'msg error' }, 'Cannot reach the daemon: ' + e.message));
  }
}

function showLogin(message, passwordSet) {
  stopPolling();
  document.getElementById('logout').hidden = true;
  document.getElementById('node-address').textContent = '';
  const input = h('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password',
    required: true, autofocus: true });
  const error = h('p', { id: 'login-error', className: 'errors', role: 'alert' }, message || '');
  const form = h('form', { id: 'login-form', onsubmit: async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      const r = await api('POST', '/app/api/login', { password: input.value });
      state.csrf = r.csrfToken;
      input.value = '';
      await loggedIn();
    } catch (e) {
      error.textContent = e.status === 401 ? 'Wrong password or token.' : e.message;
      input.select();
    }
  } },
  // for password managers and screen readers: the account this password is for
  h('input', { type: 'text', name: 'username', autocomplete: 'username', value: 'admin', hidden: true,
    'aria-hidden': 'true', tabindex: '-1' }),
  h('label', { for: 'login-password' }, 'Admin password or auth token', input),
  h('button', { type: 'submit', id: 'login-submit' }, 'Log in'),
  error,
  h('p', { className: 'muted' }, passwordSet === false
    ? 'No admin password is set: use the token in authtoken.secret, or set one with "zerotier-cli set-admin-password".'
    : 'The admin password is set with "zerotier-cli set-admin-password"; the token of authtoken.secret works too.'));
  main().replaceChildren(h('section', { className: 'card login' }, h('h1', {}, 'Log in'), form));
  input.focus();
}

async function loggedIn() {
  document.getElementById('logout').hidden = false;
  try {
    const status = await api('GET', '/status');
    state.address = status.address;
    document.getElementById('node-address').textContent = 'node ' + status.address;
  } catch (e) {
    reportError(e);
  }
  await render();
}

async function logout() {
  try {
    await api('POST', '/app/api/logout', {});
  } catch (e) {
    // the cookie is cleared by the answer; a failure leaves nothing to undo on the page
  }
  state.csrf = null;
  location.hash = '#/';
  showLogin('Logged out.');
}

// ---- routing ----

async function render() {
  if (!state.csrf) return;
  stopPolling();
  clearStaleFlash();
  const parts = (location.hash || '#/').substring(2).split('/');
  try {
    if (parts[0] === 'network' && /^[0-9a-f]{16}$/.test(parts[1] || '')) {
      await networkPage(parts[1], parts[2] || 'members');
    } else {
      await networksPage();
    }
  } catch (e) {
    reportError(e);
  }
}

// ---- networks ----

async function networksPage() {
  const listing = await api('GET', '/unstable/controller/network');
  const rows = listing.data.map((n) => h('tr', { dataset: { nwid: n.id } },
    h('td', { 'data-label': 'Name' }, h('a', { className: 'net-link', href: '#/network/' + n.id }, n.name || '(unnamed)')),
    h('td', { 'data-label': 'Network ID', className: 'mono' }, n.id),
    h('td', { 'data-label': 'Members', className: 'member-count' },
      n.meta.authorizedMemberCount + ' / ' + n.meta.totalMemberCount),
    h('td', { 'data-label': 'Access' }, n.private ? 'private' : 'public'),
    h('td', { 'data-label': 'IPv4 pool' }, (n.ipAssignmentPools || []).map((p) => p.ipRangeStart + ' – ' + p.ipRangeEnd)
      .join(', '))));
  const name = h('input', { type: 'text', id: 'create-name', placeholder: 'my network', required: true });
  const cidr = h('input', { type: 'text', id: 'create-cidr', placeholder: '10.147.17.0/24', value: '10.147.17.0/24' });
  const isPrivate = h('input', { type: 'checkbox', id: 'create-private', checked: true });
  const form = h('form', { id: 'create-form', onsubmit: async (ev) => {
    ev.preventDefault();
    const body = { name: name.value.trim(), private: isPrivate.checked };
    if (cidr.value.trim()) {
      const e = easySetup(cidr.value);
      if (!e) {
        flash('Not an IPv4 network in CIDR form (like 10.147.17.0/24): ' + cidr.value, true);
        cidr.focus();
        return;
      }
      body.v4AssignMode = { zt: true };
      body.ipAssignmentPools = [{ ipRangeStart: e.start, ipRangeEnd: e.end }];
      body.routes = [{ target: e.target, via: null }];
    }
    try {
      const n = await api('POST', '/controller/network', body);
      flash('Network ' + n.id + ' created.');
      location.hash = '#/network/' + n.id + '/members';
    } catch (e) {
      reportError(e);
    }
  } },
  h('div', { className: 'grid' },
    h('label', { for: 'create-name' }, 'Name', name),
    h('label', { for: 'create-cidr' }, 'Easy setup: IPv4 network (CIDR)', cidr),
    h('label', { className: 'check', for: 'create-private' }, isPrivate, 'Private (members need authorization)')),
  h('div', { className: 'row end' }, h('button', { type: 'submit', id: 'create-submit' }, 'Create network')));
  main().replaceChildren(
    h('h1', {}, 'Networks'),
    h('section', { className: 'card' },
      listing.data.length === 0 ? h('p', { className: 'muted' }, 'No networks yet.')
        : h('table', { className: 'responsive', id: 'networks' },
          h('thead', {}, h('tr', {}, ['Name', 'Network ID', 'Members (authorized / all)', 'Access', 'IPv4 pool']
            .map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, rows))),
    h('section', { className: 'card' }, h('h2', {}, 'New network'), form));
}

// ---- one network ----

const TABS = [['members', 'Members'], ['settings', 'Settings'], ['rules', 'Rules']];

async function networkPage(nwid, tab) {
  const net = await api('GET', '/controller/network/' + nwid);
  const tabs = h('div', { className: 'tabs', role: 'tablist' }, TABS.map(([id, label]) => h('button', {
    type: 'button', role: 'tab', id: 'tab-' + id, 'aria-selected': String(id === tab),
    onclick: () => { location.hash = '#/network/' + nwid + '/' + id; } }, label)));
  const body = h('div', { role: 'tabpanel', 'aria-labelledby': 'tab-' + tab });
  main().replaceChildren(
    h('p', {}, h('a', { href: '#/' }, '← All networks')),
    h('h1', { id: 'network-title' }, (net.name || '(unnamed)') + ' ', h('span', { className: 'muted mono' }, net.id)),
    tabs, body);
  if (tab === 'settings') settingsTab(net, body);
  else if (tab === 'rules') window.ztjRules.render(net, body, { api, h, flash, reportError });
  else await membersTab(net, body);
}

// ---- members ----

async function membersTab(net, body) {
  const filter = h('input', { type: 'search', id: 'member-filter', placeholder: 'name, address or IP',
    value: state.memberFilter, oninput: () => { state.memberFilter = filter.value; drawMembers(net, tbody); } });
  const tbody = h('tbody', { id: 'members-body' });
  const sortHeader = (key, label) => h('th', { scope: 'col' }, h('button', { type: 'button', className: 'sort',
    dataset: { sort: key }, onclick: () => {
      state.memberSortDesc = state.memberSort === key ? !state.memberSortDesc : false;
      state.memberSort = key;
      drawMembers(net, tbody);
    } }, label));
  body.append(
    h('section', { className: 'card' },
      h('div', { className: 'row' }, h('label', { for: 'member-filter' }, 'Filter', filter),
        h('span', { id: 'member-summary', className: 'muted' })),
      h('table', { className: 'responsive', id: 'members' },
        h('thead', {}, h('tr', {}, sortHeader('authorized', 'Auth'), sortHeader('address', 'Address'),
          sortHeader('name', 'Name'), h('th', { scope: 'col' }, 'IPs'), sortHeader('lastSeen', 'Last seen'),
          h('th', { scope: 'col' }, 'Physical address'), sortHeader('version', 'Version'),
          h('th', { scope: 'col' }, 'Bridge'), h('th', { scope: 'col' }, 'No auto IP'), h('th', { scope: 'col' }, ''))),
        tbody),
      h('p', { className: 'muted' }, 'Members appear here when they join; the list updates by itself.')));
  await refreshMembers(net, tbody);
  state.poll = setInterval(() => refreshMembers(net, tbody).catch(reportError), POLL_MS);
}

async function refreshMembers(net, tbody) {
  const r = await api('GET', '/unstable/controller/network/' + net.id + '/member');
  state.members = r.data;
  const active = document.activeElement;
  // a field with an edit not saved yet is not redrawn under the user's fingers; a focused field whose value is the
  // saved one (e.g. after Enter saved it) does not hold the rest of the table back
  if (active && tbody.contains(active) && active.tagName === 'INPUT' && active.type === 'text'
      && active.value !== active.dataset.saved) return;
  drawMembers(net, tbody);
}

function memberMatches(m, f) {
  if (!f) return true;
  const s = f.toLowerCase();
  return m.address.includes(s) || (m.name || '').toLowerCase().includes(s)
    || (m.ipAssignments || []).some((ip) => ip.includes(s));
}

function sortKey(m, key) {
  switch (key) {
    case 'authorized': return m.authorized ? 1 : 0;
    case 'name': return (m.name || '').toLowerCase();
    case 'lastSeen': return m.lastSeen || 0;
    case 'version': return m.vMajor * 1e6 + m.vMinor * 1e3 + m.vRev;
    default: return m.address;
  }
}

function drawMembers(net, tbody) {
  const focusedId = document.activeElement && document.activeElement.id;
  const list = state.members.filter((m) => memberMatches(m, state.memberFilter));
  list.sort((a, b) => {
    const x = sortKey(a, state.memberSort), y = sortKey(b, state.memberSort);
    const c = x < y ? -1 : x > y ? 1 : a.address < b.address ? -1 : 1;
    return state.memberSortDesc ? -c : c;
  });
  tbody.replaceChildren(...list.map((m) => memberRow(net, m)));
  const summary = document.getElementById('member-summary');
  if (summary) {
    summary.textContent = list.length + ' of ' + state.members.length + ' members, '
      + state.members.filter((m) => m.authorized).length + ' authorized';
  }
  if (focusedId) {
    const again = document.getElementById(focusedId);
    if (again) again.focus();
  }
}

function memberRow(net, m) {
  const path = '/controller/network/' + net.id + '/member/' + m.address;
  const update = async (change, what) => {
    try {
      const saved = await api('POST', path, change);
      const i = state.members.findIndex((x) => x.address === m.address);
      if (i >= 0) state.members[i] = Object.assign(state.members[i], saved);
      flash(what + ' ' + m.address + '.');
      drawMembers(net, document.getElementById('members-body'));
    } catch (e) {
      reportError(e);
    }
  };
  const checkbox = (cls, field, label, what) => h('input', { type: 'checkbox', className: cls, id: cls + '-' + m.address,
    checked: m[field], 'aria-label': label + ' ' + m.address,
    onchange: (ev) => update({ [field]: ev.target.checked }, what(ev.target.checked)) });
  const name = h('input', { type: 'text', className: 'member-name', id: 'member-name-' + m.address, value: m.name || '',
    dataset: { saved: m.name || '' },
    'aria-label': 'Name of ' + m.address, onchange: (ev) => update({ name: ev.target.value.trim() }, 'Renamed') });
  const ips = h('input', { type: 'text', className: 'member-ips mono', id: 'member-ips-' + m.address,
    value: (m.ipAssignments || []).join(', '), dataset: { saved: (m.ipAssignments || []).join(', ') },
    'aria-label': 'IP addresses of ' + m.address,
    onchange: (ev) => update({ ipAssignments: ev.target.value.split(/[\s,]+/).filter((x) => x) }, 'Saved the IPs of') });
  const seen = m.online ? h('span', { className: 'badge ok' }, 'online')
    : h('span', { className: 'badge idle' }, fmtAgo(m.lastSeen));
  return h('tr', { dataset: { member: m.address } },
    h('td', { 'data-label': 'Authorized' }, checkbox('member-authorized', 'authorized', 'Authorize',
      (on) => on ? 'Authorized' : 'Deauthorized')),
    h('td', { 'data-label': 'Address', className: 'mono' }, m.address),
    h('td', { 'data-label': 'Name' }, name),
    h('td', { 'data-label': 'IPs' }, ips),
    h('td', { 'data-label': 'Last seen', className: 'member-seen' }, h('span', {}, seen,
      m.online && m.lastSeen ? h('span', { className: 'muted' }, ' ' + fmtAgo(m.lastSeen)) : null)),
    h('td', { 'data-label': 'Physical', className: 'mono' }, m.physicalAddress || ''),
    h('td', { 'data-label': 'Version', className: 'member-version' }, version(m)),
    h('td', { 'data-label': 'Active bridge' }, checkbox('member-bridge', 'activeBridge', 'Active bridge',
      (on) => on ? 'Made an active bridge:' : 'No longer an active bridge:')),
    h('td', { 'data-label': 'No auto-assign' }, checkbox('member-noauto', 'noAutoAssignIps', 'No auto-assigned IPs for',
      () => 'Saved auto-assignment of')),
    h('td', {}, h('button', { type: 'button', className: 'danger small member-delete', 'aria-label': 'Delete ' + m.address,
      onclick: async () => {
        if (!await confirmDialog('Delete member ' + m.address + ' from this network? It can join again.')) return;
        try {
          await api('DELETE', path);
          state.members = state.members.filter((x) => x.address !== m.address);
          drawMembers(net, document.getElementById('members-body'));
          flash('Deleted ' + m.address + '.');
        } catch (e) {
          reportError(e);
        }
      } }, 'Delete')));
}

function confirmDialog(text) {
  const d = document.getElementById('confirm-dialog');
  document.getElementById('confirm-text').textContent = text;
  return new Promise((resolve) => {
    d.addEventListener('close', () => resolve(d.returnValue === 'ok'), { once: true });
    d.returnValue = '';
    d.showModal();
    document.getElementById('confirm-cancel').focus();
  });
}

// ---- settings ----

function settingsTab(net, body) {
  const text = (id, label, value, attrs) => {
    const input = h('input', Object.assign({ type: 'text', id, value: value === undefined || value === null ? '' : value },
      attrs || {}));
    return [input, h('label', { for: id }, label, input)];
  };
  const check = (id, label, on) => {
    const input = h('input', { type: 'checkbox', id, checked: on });
    return [input, h('label', { className: 'check', for: id }, input, label)];
  };
  const [name, nameL] = text('set-name', 'Name', net.name);
  const [priv, privL] = check('set-private', 'Private (members need authorization)', net.private);
  const [mtu, mtuL] = text('set-mtu', 'MTU', net.mtu, { type: 'number', min: 1280, max: 10000 });
  const [mcast, mcastL] = text('set-multicast', 'Multicast recipient limit', net.multicastLimit,
    { type: 'number', min: 0 });
  const [bcast, bcastL] = check('set-broadcast', 'Ethernet broadcast (ff:ff:ff:ff:ff:ff)', net.enableBroadcast);
  const v4 = net.v4AssignMode || {}, v6 = net.v6AssignMode || {};
  const [v4zt, v4ztL] = check('set-v4-zt', 'Assign IPv4 from the pools', v4.zt);
  const [v6zt, v6ztL] = check('set-v6-zt', 'Assign IPv6 from the pools', v6.zt);
  const [rfc, rfcL] = check('set-v6-rfc4193', 'RFC 4193 IPv6 (/88)', v6.rfc4193);
  const [plane, planeL] = check('set-v6-6plane', '6PLANE IPv6 (/80)', v6['6plane']);
  const dns = net.dns || {};
  const [domain, domainL] = text('set-dns-domain', 'DNS search domain', dns.domain);
  const [servers, serversL] = text('set-dns-servers', 'DNS servers (comma separated)', (dns.servers || []).join(', '));

  const pools = h('div', { id: 'pools' });
  const addPool = (p) => {
    const start = h('input', { type: 'text', className: 'pool-start mono', value: p.ipRangeStart || '',
      'aria-label': 'First address of the range' });
    const end = h('input', { type: 'text', className: 'pool-end mono', value: p.ipRangeEnd || '',
      'aria-label': 'Last address of the range' });
    const row = h('div', { className: 'list-row' }, start, end,
      h('button', { type: 'button', className: 'secondary small', onclick: () => row.remove() }, 'Remove'));
    pools.append(row);
  };
  (net.ipAssignmentPools || []).forEach(addPool);
  const routes = h('div', { id: 'routes' });
  const addRoute = (r) => {
    const target = h('input', { type: 'text', className: 'route-target mono', value: r.target || '',
      'aria-label': 'Destination (CIDR)' });
    const via = h('input', { type: 'text', className: 'route-via mono', value: r.via || '',
      'aria-label': 'Via (gateway; empty: on the network)', placeholder: '(LAN)' });
    const row = h('div', { className: 'list-row' }, target, via,
      h('button', { type: 'button', className: 'secondary small', onclick: () => row.remove() }, 'Remove'));
    routes.append(row);
  };
  (net.routes || []).forEach(addRoute);
  const cidr = h('input', { type: 'text', id: 'set-easy-cidr', placeholder: '10.147.17.0/24' });
  const easy = h('button', { type: 'button', id: 'set-easy-apply', className: 'secondary', onclick: () => {
    const e = easySetup(cidr.value);
    if (!e) {
      flash('Not an IPv4 network in CIDR form (like 10.147.17.0/24).', true);
      return;
    }
    pools.replaceChildren();
    addPool({ ipRangeStart: e.start, ipRangeEnd: e.end });
    if (![...routes.querySelectorAll('.route-target')].some((i) => i.value.trim() === e.target)) {
      addRoute({ target: e.target });
    }
    v4zt.checked = true;
  } }, 'Fill pool and route');

  const save = async (ev) => {
    ev.preventDefault();
    const change = {
      name: name.value.trim(), private: priv.checked, enableBroadcast: bcast.checked,
      mtu: Number(mtu.value), multicastLimit: Number(mcast.value),
      v4AssignMode: { zt: v4zt.checked },
      v6AssignMode: { zt: v6zt.checked, rfc4193: rfc.checked, '6plane': plane.checked },
      ipAssignmentPools: [...pools.children].map((r) => ({
        ipRangeStart: r.querySelector('.pool-start').value.trim(), ipRangeEnd: r.querySelector('.pool-end').value.trim() }))
        .filter((p) => p.ipRangeStart && p.ipRangeEnd),
      routes: [...routes.children].map((r) => ({
        target: r.querySelector('.route-target').value.trim(), via: r.querySelector('.route-via').value.trim() || null }))
        .filter((r) => r.target),
      dns: { domain: domain.value.trim(), servers: servers.value.split(/[\s,]+/).filter((x) => x) },
    };
    try {
      const saved = await api('POST', '/controller/network/' + net.id, change);
      flash('Settings saved.');
      document.getElementById('network-title').firstChild.textContent = (saved.name || '(unnamed)') + ' ';
    } catch (e) {
      reportError(e);
    }
  };
  const remove = async () => {
    if (!await confirmDialog('Delete network ' + net.id + ' (' + (net.name || 'unnamed') + ') and all its members? '
      + 'This cannot be undone.')) return;
    try {
      await api('DELETE', '/controller/network/' + net.id);
      flash('Network ' + net.id + ' deleted.');
      location.hash = '#/';
    } catch (e) {
      reportError(e);
    }
  };
  body.append(h('form', { id: 'settings-form', onsubmit: save },
    h('section', { className: 'card' }, h('h2', {}, 'General'),
      h('div', { className: 'grid' }, nameL, mtuL, mcastL, privL, bcastL)),
    h('section', { className: 'card' }, h('h2', {}, 'IPv4'),
      h('div', { className: 'row' }, h('label', { for: 'set-easy-cidr' }, 'Easy setup from a network (CIDR)', cidr), easy),
      h('div', { className: 'grid' }, v4ztL),
      h('h2', {}, 'Address pools'), pools,
      h('button', { type: 'button', className: 'secondary small', id: 'add-pool', onclick: () => addPool({}) }, 'Add a range')),
    h('section', { className: 'card' }, h('h2', {}, 'Managed routes'), routes,
      h('button', { type: 'button', className: 'secondary small', id: 'add-route', onclick: () => addRoute({}) }, 'Add a route')),
    h('section', { className: 'card' }, h('h2', {}, 'IPv6'), h('div', { className: 'grid' }, v6ztL, rfcL, planeL)),
    h('section', { className: 'card' }, h('h2', {}, 'DNS'), h('div', { className: 'grid' }, domainL, serversL)),
    h('div', { className: 'row end' }, h('button', { type: 'submit', id: 'settings-save' }, 'Save settings'))),
  h('section', { className: 'card' }, h('h2', {}, 'Delete'),
    h('p', { className: 'muted' }, 'Deleting the network removes it and its members from this controller.'),
    h('button', { type: 'button', className: 'danger', id: 'network-delete', onclick: remove }, 'Delete network')));
}

document.addEventListener('DOMContentLoaded', boot);

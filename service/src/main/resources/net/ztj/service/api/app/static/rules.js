// The rules tab: an editor for ZeroTier's flow rules language with line numbers. "Check" compiles on the server
// (POST /controller/rules/compile) and shows the JSON; "Save" compiles and stores (POST /controller/network/<id>/rules).
// Errors are listed with their line and column; choosing one puts the cursor there and marks the line.
'use strict';

window.ztjRules = (() => {
  const DEFAULT_SOURCE = [
    '# Allow IPv4, IPv6 and ARP; drop every other ethertype.',
    'drop',
    '  not ethertype ipv4',
    '  and not ethertype arp',
    '  and not ethertype ipv6',
    ';',
    'accept;',
    '',
  ].join('\n');

  function render(net, body, ui) {
    const { api, h, flash, reportError } = ui;
    const gutter = h('pre', { className: 'gutter', 'aria-hidden': 'true', id: 'rules-gutter' });
    const source = h('textarea', { id: 'rules-source', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off',
      'aria-label': 'Rules source', 'aria-describedby': 'rules-errors' });
    source.value = typeof net.rulesSource === 'string' && net.rulesSource.trim() ? net.rulesSource : DEFAULT_SOURCE;
    const errors = h('ul', { className: 'errors', id: 'rules-errors', 'aria-live': 'polite' });
    const output = h('pre', { className: 'json', id: 'rules-json' });
    let errorLines = new Set();

    const drawGutter = () => {
      const n = source.value.split('\n').length;
      const lines = [];
      for (let i = 1; i <= n; i++) {
        lines.push(errorLines.has(i) ? h('span', { className: 'err' }, String(i)) : String(i));
        lines.push('\n');
      }
      gutter.replaceChildren(...lines);
      gutter.scrollTop = source.scrollTop;
    };
    const goTo = (line, column) => {
      const lines = source.value.split('\n');
      let offset = 0;
      for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
      offset += Math.max(0, column - 1);
      source.focus();
      source.setSelectionRange(offset, offset);
    };
    const showErrors = (e) => {
      const list = (e.body && Array.isArray(e.body.errors)) ? e.body.errors : [];
      errorLines = new Set(list.map((x) => x.line));
      drawGutter();
      if (list.length === 0) {
        errors.replaceChildren(h('li', {}, e.message));
        return;
      }
      errors.replaceChildren(...list.map((x) => h('li', { className: 'rules-error', dataset: { line: x.line,
        column: x.column } }, h('button', { type: 'button', onclick: () => goTo(x.line, x.column) },
        'line ' + x.line + ', column ' + x.column), ': ' + x.message)));
    };
    const clearErrors = () => {
      errorLines = new Set();
      errors.replaceChildren();
      drawGutter();
    };
    const showJson = (compiled) => {
      output.textContent = JSON.stringify({ rules: compiled.rules, capabilities: compiled.capabilities,
        tags: compiled.tags }, null, 2);
    };
    const check = async () => {
      try {
        const r = await api('POST', '/controller/rules/compile', { rulesSource: source.value });
        clearErrors();
        showJson(r);
        flash('The rules compile.');
      } catch (e) {
        if (e.status === 400) showErrors(e);
        else reportError(e);
      }
    };
    const save = async () => {
      try {
        const saved = await api('POST', '/controller/network/' + net.id + '/rules', { rulesSource: source.value });
        clearErrors();
        showJson(saved);
        net.rulesSource = source.value;
        flash('Rules saved; the online members get them now.');
      } catch (e) {
        if (e.status === 400) showErrors(e);
        else reportError(e);
      }
    };
    source.addEventListener('input', drawGutter);
    source.addEventListener('scroll', () => { gutter.scrollTop = source.scrollTop; });
    source.addEventListener('keydown', (ev) => {
      if ((ev.ctrlKey || ev.metaKey) && ev.key === 's') {
        ev.preventDefault();
        save();
      }
    });
    showJson({ rules: net.rules, capabilities: net.capabilities, tags: net.tags });
    if (source.value === DEFAULT_SOURCE) {
      // no source stored (rules set as JSON, or a new network): edit the text that compiles to what members have
      api('GET', '/controller/network/' + net.id + '/rules').then((r) => {
        if (r && typeof r.rulesSource === 'string' && r.rulesSource.trim() && source.value === DEFAULT_SOURCE) {
          source.value = r.rulesSource;
          drawGutter();
        }
      }).catch(reportError);
    }
    body.append(
      h('section', { className: 'card' },
        h('h2', {}, 'Flow rules'),
        h('p', { className: 'muted' }, 'ZeroTier\'s rules language: actions (accept, drop, tee, redirect, break), '
          + 'matches, tag and cap definitions, macros. Ctrl+S saves.'),
        h('div', { className: 'editor' }, gutter, source),
        errors,
        h('div', { className: 'row end' },
          h('button', { type: 'button', className: 'secondary', id: 'rules-check', onclick: check }, 'Check'),
          h('button', { type: 'button', id: 'rules-save', onclick: save }, 'Save rules'))),
      h('section', { className: 'card' }, h('h2', {}, 'Compiled (what members receive)'), output));
    drawGutter();
  }

  return { render };
})();

/* dutylist site search: character bigrams, no framework, no network beyond this site.
   Every two neighbouring characters of the query (within runs of letters and digits, after
   NFKC and lower case: the same as site/search_index.py) is a bigram; the shard of each is
   fetched, the postings intersected, and the items shown inserted as text, never as HTML. */
(function () {
  'use strict';
  var PAGE = 50;
  var box = document.getElementById('site-q');
  var statusLine = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var fileNotice = document.getElementById('search-file');
  var cache = {};
  var meta = null;
  var townships = null;
  var current = null;
  var RUN = /[\p{L}\p{N}]+/gu;

  function getJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(path).then(function (response) {
        if (!response.ok) { throw new Error(path + ': ' + response.status); }
        return response.arrayBuffer();
      }).then(function (buffer) {
        var head = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
        if (head[0] !== 0x1f || head[1] !== 0x8b) {  // plain, or inflated by the server
          return JSON.parse(new TextDecoder().decode(buffer));
        }
        var stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream('gzip'));
        return new Response(stream).text().then(JSON.parse);
      });
    }
    return cache[path];
  }

  function bigrams(text) {
    var found = [];
    var runs = text.normalize('NFKC').toLowerCase().match(RUN) || [];
    runs.forEach(function (run) {
      var chars = Array.from(run);
      for (var i = 0; i + 1 < chars.length; i++) {
        var pair = chars[i] + chars[i + 1];
        if (found.indexOf(pair) < 0) { found.push(pair); }
      }
    });
    return found;
  }

  function words(text) {
    return (text.normalize('NFKC').toLowerCase().match(RUN) || []).filter(function (w) {
      return Array.from(w).length >= 2;
    });
  }

  function shardOf(pair) {
    var chars = Array.from(pair);
    return (chars[0].codePointAt(0) * 65599 + chars[1].codePointAt(0)) % meta.shards;
  }

  function bytesOf(base64) {
    var raw = atob(base64);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  function decode(value) {
    var bytes = bytesOf(value.slice(1));
    var numbers = [];
    if (value[0] === 'b') {
      for (var i = 0; i < bytes.length; i++) {
        if (!bytes[i]) { continue; }
        for (var bit = 0; bit < 8; bit++) {
          if (bytes[i] & (1 << bit)) { numbers.push(i * 8 + bit); }
        }
      }
      return numbers;
    }
    var number = 0, gap = 0, shift = 0;
    for (var k = 0; k < bytes.length; k++) {
      gap += (bytes[k] & 0x7f) * Math.pow(2, shift);
      if (bytes[k] & 0x80) { shift += 7; continue; }
      number = numbers.length ? number + gap : gap;
      numbers.push(number);
      gap = 0; shift = 0;
    }
    return numbers;
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) { i++; } else { j++; }
    }
    return out;
  }

  function say(text) { statusLine.textContent = text; }

  function search(query) {
    var pairs = bigrams(query);
    list.textContent = '';
    more.hidden = true;
    current = null;
    if (!query.trim()) { say(''); return; }
    if (!pairs.length) { say('请输入至少两个字。'); return; }
    say('正在搜索……');
    var asked = query;
    Promise.all([getJSON('search/meta.json'), getJSON('search/townships.json')]).then(function (got) {
      meta = got[0]; townships = got[1];
      return Promise.all(pairs.map(function (pair) {
        return getJSON('search/p/' + shardOf(pair) + '.bin').then(function (shard) {
          return Object.prototype.hasOwnProperty.call(shard, pair) ? decode(shard[pair]) : [];
        });
      }));
    }).then(function (postings) {
      if (asked !== box.value) { return; }
      postings.sort(function (a, b) { return a.length - b.length; });
      var found = postings.reduce(intersect);
      current = { query: asked, words: words(asked), found: found, shown: 0 };
      if (!found.length) { say('没有找到包含“' + asked + '”的事项。'); return; }
      say('找到 ' + found.length + ' 项包含“' + asked + '”的事项。');
      return showMore();
    }).catch(function () {
      say('无法读取搜索索引。' + (location.protocol === 'file:' ? '请通过网页服务器访问本站。' : ''));
      if (location.protocol === 'file:') { fileNotice.hidden = false; }
    });
  }

  function showMore() {
    var state = current;
    if (!state) { return Promise.resolve(); }
    var batch = state.found.slice(state.shown, state.shown + PAGE);
    var blocks = [];
    batch.forEach(function (n) {
      var block = Math.floor(n / meta.items_per_shard);
      if (blocks.indexOf(block) < 0) { blocks.push(block); }
    });
    return Promise.all(blocks.map(function (block) {
      return getJSON('search/i/' + block + '.bin');
    })).then(function (shards) {
      if (state !== current) { return; }
      var rows = {};
      blocks.forEach(function (block, k) { rows[block] = shards[k]; });
      batch.forEach(function (n) {
        var row = rows[Math.floor(n / meta.items_per_shard)][n % meta.items_per_shard];
        list.appendChild(result(row, state.words));
      });
      state.shown += batch.length;
      more.hidden = state.shown >= state.found.length;
    });
  }

  function result(row, queryWords) {
    var township = townships[row[0]];
    var item = document.createElement('li');
    var link = document.createElement('a');
    link.href = 'townships/' + encodeURIComponent(township[0]) + '.html#' + encodeURIComponent(row[1]);
    link.textContent = row[2];
    item.appendChild(link);
    var name = row[2].normalize('NFKC').toLowerCase();
    var inName = queryWords.every(function (w) { return name.indexOf(w) >= 0; });
    var where = document.createElement('span');
    where.className = 'where';
    where.textContent = ' · ' + township[2] + township[1] + ' · ' + meta.categories[row[3]] + ' ' +
      row[1] + (inName ? '' : ' · 内容中含有');
    item.appendChild(where);
    return item;
  }

  if (!box || !list) { return; }
  if (location.protocol === 'file:') { fileNotice.hidden = false; }
  var timer = null;
  box.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = new URL(location.href);
      url.searchParams.set('q', box.value);
      try { history.replaceState(null, '', url); } catch (ignored) { /* file:// may refuse */ }
      search(box.value);
    }, 200);
  });
  box.form.addEventListener('submit', function (event) {
    event.preventDefault();
    search(box.value);
  });
  more.addEventListener('click', function () { showMore(); });
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { box.value = initial; search(initial); }
})();

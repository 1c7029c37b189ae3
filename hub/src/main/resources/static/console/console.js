// Trace Hub console: a few lines of plain script served by the hub (no libraries).
// - the batch page's progress bar polls its JSON while the batch runs, and reloads once it is done (it slows down and
//   stops for a batch that does not move, and stops for an expired session, saying so);
// - buttons with data-action-url ask for confirmation, then POST (reprocess, retry, a bulk reprocess and its cancel or
//   resume); one with data-follow then opens that address with the request id the answer names;
// - a bulk reprocess's page reloads every 5 seconds while the request runs;
// - the source page's upload form posts the file to the upload endpoint.
(function () {
  'use strict';

  // once the console has logins, Spring Security's CSRF token is put in the page head; send it with POSTs
  function csrfHeaders() {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    var headers = { 'Accept': 'application/json, application/problem+json' };
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  function problemText(response, body) {
    if (body && (body.detail || body.title)) {
      return (body.detail || body.title) + (body.code ? '（' + body.code + '）' : '');
    }
    return '请求失败：HTTP ' + response.status;
  }

  function readJson(response) {
    return response.text().then(function (text) {
      try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
    });
  }

  // The poll asks every second while the batch moves, slower while it does not (at most every 30 s), and stops, saying
  // why, once it has not moved for 10 minutes, when the hub says the batch is stuck, or when the session has expired.
  // A batch waiting for disk space is asked about at the slowest for as long as it waits (the hub retries it by itself,
  // for hub.jobs.disk-full-retry's tries), and the page reloads once it no longer waits: resumed, or failed for good.
  // The page carries the times (data-poll-*, in ms: hub.console.poll-*); these are the defaults.
  var POLL_FASTEST = 1000;
  var POLL_SLOWEST = 30000;
  var POLL_GIVE_UP = 10 * 60 * 1000;

  function millis(box, name, fallback) {
    var value = parseInt(box.getAttribute(name), 10);
    return value > 0 ? value : fallback;
  }

  // 10 分钟, or 5 秒 for a time that is no whole number of minutes
  function durationText(ms) {
    return ms >= 60000 && ms % 60000 === 0 ? (ms / 60000) + ' 分钟' : Math.round(ms / 1000) + ' 秒';
  }

  // every stop of the poll says why here
  function progressNote(text, tone) {
    document.getElementById('progress').setAttribute('data-poll-stopped', 'true');
    var note = document.getElementById('progress-note');
    note.className = 'message ' + tone;
    note.textContent = text + ' ';
    var reload = document.createElement('a');
    reload.id = 'progress-reload';
    reload.href = window.location.href;
    reload.textContent = '重新加载页面';
    note.appendChild(reload);
  }

  function pollProgress(box) {
    var url = box.getAttribute('data-url');
    var bar = box.querySelector('.bar');
    var phase = document.getElementById('progress-phase');
    var percent = document.getElementById('progress-percent');
    var fastest = millis(box, 'data-poll-fastest', POLL_FASTEST);
    var slowest = millis(box, 'data-poll-slowest', POLL_SLOWEST);
    var giveUp = millis(box, 'data-poll-give-up', POLL_GIVE_UP);
    var delay = fastest;
    var seen = null;
    var unchangedSince = Date.now();
    var unreachable = false;
    var waitedForDisk = false;

    function show(p) {
      if (p.percent === null || p.percent === undefined) {
        bar.classList.add('indeterminate');
        bar.style.width = '100%';
        percent.textContent = '';
      } else {
        bar.classList.remove('indeterminate');
        bar.style.width = p.percent + '%';
        percent.textContent = p.percent + '%';
      }
      phase.textContent = p.phaseText;
    }

    function next(changed) {
      if (changed) {
        delay = fastest;
        unchangedSince = Date.now();
      } else {
        delay = Math.min(delay * 2, slowest);
      }
      if (Date.now() - unchangedSince >= giveUp) {
        progressNote(unreachable ? '多次无法连接平台，已停止自动刷新。'
          : '批次已超过 ' + durationText(giveUp) + '没有进展，已停止自动刷新。', 'warn');
        return;
      }
      // what the poll waits for next, which the page's browser test reads
      box.setAttribute('data-poll-delay', String(delay));
      setTimeout(tick, delay);
    }

    // not giving up: the wait ends with the hub's retry or its last try, and the page reloads then
    function waitForDisk() {
      delay = slowest;
      unchangedSince = Date.now();
      box.setAttribute('data-poll-delay', String(delay));
      setTimeout(tick, delay);
    }

    function tick() {
      // redirect 'manual': a redirect (to the sign-in page) is seen as one, not followed into HTML that is no progress
      fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin', redirect: 'manual' })
        .then(function (r) {
          if (r.status === 401 || r.type === 'opaqueredirect') {
            progressNote('会话已过期，请重新登录。', 'error');
            return null;
          }
          if (!r.ok) {
            unreachable = false;
            next(false);
            return null;
          }
          return r.json().then(function (p) {
            unreachable = false;
            var key = JSON.stringify(p);
            var changed = key !== seen;
            seen = key;
            show(p);
            if (p.finished || (waitedForDisk && !p.waitingForDisk)) {
              window.location.reload();
            } else if (p.waitingForDisk) {
              waitedForDisk = true;
              waitForDisk();
            } else if (p.stuck) {
              progressNote('批次停在处理中已久，且没有作业在运行或等待运行：已停止自动刷新，管理员可重新处理。', 'error');
            } else {
              next(changed);
            }
          });
        })
        .catch(function () {
          unreachable = true;
          next(false);
        });
    }

    setTimeout(tick, delay);
  }

  function bindAction(button) {
    var message = document.getElementById('action-message');
    button.addEventListener('click', function () {
      if (!window.confirm(button.getAttribute('data-confirm'))) {
        return;
      }
      button.disabled = true;
      message.className = 'message';
      message.textContent = '正在提交…';
      fetch(button.getAttribute('data-action-url'), { method: 'POST', headers: csrfHeaders(), credentials: 'same-origin' })
        .then(function (r) {
          return readJson(r).then(function (body) {
            if (r.ok) {
              message.className = 'message ok';
              message.textContent = '已开始处理';
              var follow = button.getAttribute('data-follow');
              if (follow && body && body.requestId) {
                window.location.href = follow + body.requestId;
              } else {
                window.location.reload();
              }
            } else {
              message.className = 'message error';
              message.textContent = problemText(r, body);
              button.disabled = false;
            }
          });
        })
        .catch(function () {
          message.className = 'message error';
          message.textContent = '无法连接平台，请稍后再试';
          button.disabled = false;
        });
    });
  }

  function bindUpload(form) {
    var message = document.getElementById('upload-message');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      message.className = 'message';
      message.textContent = '正在上传…';
      fetch(form.getAttribute('data-upload-url'), { method: 'POST', body: new FormData(form), headers: csrfHeaders(), credentials: 'same-origin' })
        .then(function (r) {
          return readJson(r).then(function (body) {
            if (r.ok) {
              var id = body && (body.batchId || body.id);
              // 200 is a file that ended at intake (DUPLICATE, UNKNOWN_SOURCE, EMPTY): say what the hub made of it
              var received = !body || !body.status || body.status === 'RECEIVED';
              var text = body && body.statusText ? body.statusText : '已接收';
              message.className = received ? 'message ok' : 'message warn';
              message.setAttribute('data-status', body && body.status ? body.status : '');
              message.textContent = text + (id ? '，批次 ' : '');
              if (id) {
                var link = document.createElement('a');
                link.href = window.location.pathname.replace(/\/console\/sources\/.*$/, '/console/batches/') + id;
                link.id = 'uploaded-batch';
                link.textContent = id;
                message.appendChild(link);
              }
              form.reset();
            } else {
              message.className = 'message error';
              message.textContent = problemText(r, body);
            }
          });
        })
        .catch(function () {
          message.className = 'message error';
          message.textContent = '上传失败，请稍后再试';
        });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('progress');
    if (box && box.getAttribute('data-finished') !== 'true') {
      pollProgress(box);
    }
    Array.prototype.forEach.call(document.querySelectorAll('button[data-action-url]'), bindAction);
    var bulk = document.querySelector('main[data-bulk-state]');
    if (bulk && /^(RUNNING|CANCELLING)$/.test(bulk.getAttribute('data-bulk-state'))) {
      setTimeout(function () { window.location.reload(); }, 5000);
    }
    var upload = document.getElementById('upload-form');
    if (upload) {
      bindUpload(upload);
    }
  });
}());

// Trace Hub console: a few lines of plain script served by the hub (no libraries).
// - the batch page's progress bar polls its JSON while the batch runs, and reloads once it is done;
// - buttons with data-action-url ask for confirmation, then POST (reprocess, retry);
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

  function pollProgress(box) {
    var url = box.getAttribute('data-url');
    var bar = box.querySelector('.bar');
    var phase = document.getElementById('progress-phase');
    var percent = document.getElementById('progress-percent');
    var timer = setInterval(function () {
      fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) { return; }
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
          if (p.finished) {
            clearInterval(timer);
            window.location.reload();
          }
        })
        .catch(function () { /* the next tick tries again */ });
    }, 1000);
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
              window.location.reload();
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
    var upload = document.getElementById('upload-form');
    if (upload) {
      bindUpload(upload);
    }
  });
}());

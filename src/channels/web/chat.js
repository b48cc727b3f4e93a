(() => {
  const UI = {
    vi: {
      title: 'Trợ lý định danh điện tử', subtitle: 'Hỏi về VNeID, thẻ căn cước, dịch vụ công trực tuyến', placeholder: 'Ví dụ: đăng ký mức 2 ở đâu?',
      send: 'Gửi', label: 'Câu hỏi của bạn', other: 'EN', otherLabel: 'Switch to English', error: 'Không gửi được. Kiểm tra kết nối mạng rồi thử lại.',
      retry: 'Thử lại', typing: 'Trợ lý đang trả lời…', clear: 'Xóa cuộc trò chuyện', cleared: 'Đã xóa cuộc trò chuyện trên máy này và trên máy chủ.',
      privacy: 'Câu hỏi được dùng để trả lời bạn; câu hỏi chưa trả lời được lưu (đã bỏ số điện thoại, số giấy tờ) để cải thiện trợ lý.', details: 'Chi tiết',
      privacyMore: 'Trợ lý không hỏi và không cần họ tên, số điện thoại hay số căn cước của bạn: đừng gửi chúng. Cuộc trò chuyện được giữ trên trình duyệt này đến khi bạn xóa, và trên máy chủ 24 giờ để hiểu câu hỏi tiếp theo. Thống kê chỉ giữ mã ẩn danh. Câu hỏi chưa trả lời được (đã bỏ số điện thoại, số giấy tờ, email) giữ tối đa 180 ngày cho người biên soạn. Khi bạn gửi câu hỏi cho cán bộ, cuộc trò chuyện đó được giữ 30 ngày để cán bộ địa bàn đọc và trả lời. Theo Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15.',
    },
    en: {
      title: 'Electronic ID assistant', subtitle: 'Ask about VNeID, ID cards and online public services', placeholder: 'e.g. where do I register level 2?',
      send: 'Send', label: 'Your question', other: 'VI', otherLabel: 'Chuyển sang tiếng Việt', error: 'Could not send. Check your connection and try again.',
      retry: 'Try again', typing: 'The assistant is answering…', clear: 'Clear conversation', cleared: 'The conversation was cleared here and on the server.',
      privacy: 'Your questions are used to answer you; questions it could not answer are kept (without phone or ID numbers) to improve it.', details: 'Details',
      privacyMore: 'The assistant never needs your name, phone or ID number: do not send them. The conversation stays in this browser until you clear it, and on the server for 24 hours to understand your next question. Figures keep only an anonymous code. Unanswered questions (phone, ID numbers and e-mails removed) are kept up to 180 days for the editors. When you send your question to staff, that conversation is kept 30 days for the staff of your locality to read and answer. Under the Personal Data Protection Law 91/2025/QH15.',
    },
  };
  const $ = (id) => document.getElementById(id);
  const log = $('log'), form = $('form'), input = $('text'), send = $('send'), langButton = $('lang'), clearButton = $('clear');
  const storage = (() => { try { return window.localStorage; } catch { return null; } })();
  const params = new URLSearchParams(location.search);
  const campaign = params.get('c');
  let lang = (storage && storage.getItem('vneid-chat-lang')) || (params.get('lang') === 'en' ? 'en' : 'vi');
  const HISTORY = 'vneid-chat-history';
  let history = [];
  try { history = JSON.parse((storage && storage.getItem(HISTORY)) || '[]'); } catch { history = []; }

  function applyLanguage() {
    const t = UI[lang];
    document.documentElement.lang = lang;
    $('title').textContent = t.title; $('subtitle').textContent = t.subtitle; $('text-label').textContent = t.label;
    input.placeholder = t.placeholder; send.textContent = t.send; clearButton.textContent = t.clear;
    $('privacy-text').textContent = t.privacy; $('privacy-summary').textContent = t.details; $('privacy-more').textContent = t.privacyMore;
    langButton.textContent = t.other; langButton.setAttribute('aria-label', `${t.other} · ${t.otherLabel}`);
  }

  /** Text with its http(s) links made clickable; nothing is ever inserted as HTML. */
  function fill(el, text) {
    const parts = text.split(/(https?:\/\/[^\s<>"')]+|\bvneid\.gov\.vn\b|\bdichvucong\.gov\.vn\b)/g);
    for (const part of parts) {
      if (!part) continue;
      const isUrl = /^https?:\/\//.test(part) || /^(vneid|dichvucong)\.gov\.vn$/.test(part);
      if (!isUrl) { el.appendChild(document.createTextNode(part)); continue; }
      const href = /^https?:\/\//.test(part) ? part : 'https://' + part;
      let url;
      try { url = new URL(href); } catch { el.appendChild(document.createTextNode(part)); continue; }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') { el.appendChild(document.createTextNode(part)); continue; }
      const a = document.createElement('a');
      a.href = url.href; a.textContent = part; a.target = '_blank'; a.rel = 'noopener noreferrer';
      el.appendChild(a);
    }
  }

  function add(cls, text, source, keep = true) {
    const div = document.createElement('div');
    div.className = 'msg ' + cls;
    const body = source && text.endsWith(source) ? text.slice(0, -source.length).trimEnd() : text;
    fill(div, body);
    if (source && body !== text) { const s = document.createElement('span'); s.className = 'source'; s.textContent = source; div.appendChild(s); }
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    if (keep) {
      history.push({ cls, text, source: source || '' });
      history = history.slice(-60);
      storage && storage.setItem(HISTORY, JSON.stringify(history));
    }
    return div;
  }

  function chip(label, title, onClick, extra) {
    const b = document.createElement('button');
    b.type = 'button'; b.className = 'chip' + (extra ? ' ' + extra : ''); b.textContent = label;
    if (title) { b.setAttribute('aria-label', title); b.title = title; }
    b.addEventListener('click', onClick);
    return b;
  }

  function showButtons(buttons, feedback) {
    document.querySelectorAll('.chips').forEach((c) => c.remove());
    if ((!buttons || buttons.length === 0) && (!feedback || feedback.length === 0)) return;
    const box = document.createElement('div');
    box.className = 'chips';
    for (const b of buttons || []) box.appendChild(chip(b.label, '', () => { add('me', b.label); talk({ button: b.payload }); }));
    for (const b of feedback || []) box.appendChild(chip(b.label, '', () => { add('me', b.label); talk({ button: b.payload }); }, 'fb'));
    log.appendChild(box);
    log.scrollTop = log.scrollHeight;
    // an answer taller than the window is shown from its first line (the direct answer), not from its end
    const answer = box.previousElementSibling;
    if (answer && answer.classList.contains('bot')) {
      const top = answer.getBoundingClientRect().top - log.getBoundingClientRect().top;
      if (top < 0) log.scrollTop += top - 8;
    }
  }

  async function talk(body) {
    send.disabled = true;
    document.querySelectorAll('.retry').forEach((r) => r.remove());
    const typing = add('bot typing', UI[lang].typing, '', false);
    typing.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch('api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ language: lang, ...body }), credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      const reply = await res.json();
      typing.remove();
      if (reply.language && reply.language !== lang) { lang = reply.language; storage && storage.setItem('vneid-chat-lang', lang); applyLanguage(); }
      // while staff hold the conversation the assistant may say nothing at all
      if (reply.reply) add('bot', reply.reply, reply.source);
      if (reply.reply || reply.buttons.length) showButtons(reply.buttons, reply.feedback);
      if (reply.handoff === true) watchStaff(); else if (reply.handoff === false) stopWatching();
    } catch {
      typing.remove();
      const err = add('bot error', UI[lang].error, '', false);
      err.appendChild(document.createElement('br'));
      err.appendChild(chip(UI[lang].retry, '', () => { err.remove(); talk(body); }, 'retry'));
    } finally {
      send.disabled = false;
      input.focus();
    }
  }

  // "Ask a person": while a request is open the page asks every 2 s for what staff sent
  let watching = null;
  async function checkStaff() {
    try {
      const res = await fetch('api/chat/updates', { credentials: 'same-origin', cache: 'no-store' });
      if (!res.ok) return;
      const updates = await res.json();
      for (const text of updates.messages) add('bot staff', text);
      if (updates.open) watchStaff();
      else if (watching) { stopWatching(); document.querySelectorAll('.chips').forEach((c) => c.remove()); } // "Hủy yêu cầu" has nothing left to cancel
    } catch { /* the next look will tell */ }
  }
  function watchStaff() { if (!watching) watching = setInterval(checkStaff, 2000); }
  function stopWatching() { if (watching) clearInterval(watching); watching = null; }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    add('me', text);
    input.value = '';
    talk({ text });
  });

  langButton.addEventListener('click', () => {
    lang = lang === 'vi' ? 'en' : 'vi';
    storage && storage.setItem('vneid-chat-lang', lang);
    applyLanguage();
    talk({ text: '/lang ' + lang });
  });

  clearButton.addEventListener('click', async () => {
    history = [];
    storage && storage.removeItem(HISTORY);
    log.textContent = '';
    try { await fetch('api/chat/forget', { method: 'POST', credentials: 'same-origin' }); } catch { /* the page is cleared either way */ }
    add('bot', UI[lang].cleared, '', false);
    talk({ text: '/start' });
  });

  applyLanguage();
  if (history.length > 0) for (const m of history) add(m.cls, m.text, m.source, false);
  else talk({ text: campaign ? '/start ' + campaign : '/start' });
  checkStaff();
})();

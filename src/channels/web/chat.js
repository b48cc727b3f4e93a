(() => {
  const UI = {
    vi: { title: 'Trợ lý định danh điện tử', subtitle: 'Hỏi về VNeID, thẻ căn cước, dịch vụ công trực tuyến', placeholder: 'Ví dụ: đăng ký mức 2 ở đâu?', send: 'Gửi', label: 'Câu hỏi của bạn', other: 'EN', otherLabel: 'Switch to English', error: 'Không gửi được. Vui lòng thử lại.' },
    en: { title: 'Electronic ID assistant', subtitle: 'Ask about VNeID, ID cards and online public services', placeholder: 'e.g. where do I register level 2?', send: 'Send', label: 'Your question', other: 'VI', otherLabel: 'Chuyển sang tiếng Việt', error: 'Could not send. Please try again.' },
  };
  const $ = (id) => document.getElementById(id);
  const log = $('log'), form = $('form'), input = $('text'), send = $('send'), langButton = $('lang');
  const storage = (() => { try { return window.localStorage; } catch { return null; } })();
  const params = new URLSearchParams(location.search);
  const campaign = params.get('c');
  let lang = (storage && storage.getItem('vneid-chat-lang')) || (params.get('lang') === 'en' ? 'en' : 'vi');

  function applyLanguage() {
    const t = UI[lang];
    document.documentElement.lang = lang;
    $('title').textContent = t.title; $('subtitle').textContent = t.subtitle; $('text-label').textContent = t.label;
    input.placeholder = t.placeholder; send.textContent = t.send;
    langButton.textContent = t.other; langButton.setAttribute('aria-label', t.otherLabel);
  }

  function add(cls, text, source) {
    const div = document.createElement('div');
    div.className = 'msg ' + cls;
    const body = source && text.endsWith(source) ? text.slice(0, -source.length).trimEnd() : text;
    div.textContent = body;
    if (source && body !== text) { const s = document.createElement('span'); s.className = 'source'; s.textContent = source; div.appendChild(s); }
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }

  function showButtons(buttons, feedback) {
    document.querySelectorAll('.chips').forEach((c) => c.remove());
    if ((!buttons || buttons.length === 0) && (!feedback || feedback.length === 0)) return;
    const box = document.createElement('div');
    box.className = 'chips';
    for (const b of buttons || []) {
      const chip = document.createElement('button');
      chip.type = 'button'; chip.className = 'chip'; chip.textContent = b.label;
      chip.addEventListener('click', () => { add('me', b.label); talk({ button: b.payload }); });
      box.appendChild(chip);
    }
    for (const b of feedback || []) {
      const icon = document.createElement('button');
      icon.type = 'button'; icon.className = 'chip fb'; icon.textContent = b.label.split(' ')[0]; icon.setAttribute('aria-label', b.label);
      icon.title = b.label;
      icon.addEventListener('click', () => { add('me', b.label); talk({ button: b.payload }); });
      box.appendChild(icon);
    }
    log.appendChild(box);
    log.scrollTop = log.scrollHeight;
  }

  async function talk(body) {
    send.disabled = true;
    try {
      const res = await fetch('api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ language: lang, ...body }), credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      const reply = await res.json();
      if (reply.language && reply.language !== lang) { lang = reply.language; applyLanguage(); }
      add('bot', reply.reply, reply.source);
      showButtons(reply.buttons, reply.feedback);
    } catch {
      add('bot', UI[lang].error);
    } finally {
      send.disabled = false;
      input.focus();
    }
  }

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

  applyLanguage();
  talk({ text: campaign ? '/start ' + campaign : '/start' });
})();

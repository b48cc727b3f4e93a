// The console's words, in Vietnamese (default) and English.
const STRINGS = {
  vi: {
    title: 'Bảng điều hành trợ lý VNeID', actions: 'Thao tác', brand: 'Bảng điều hành', skip: 'Bỏ qua menu', lang: 'English', logout: 'Đăng xuất',
    'nav.overview': 'Tổng quan', 'nav.review': 'Cần xem lại', 'nav.campaigns': 'Chiến dịch', 'nav.officers': 'Cán bộ', 'nav.tasks': 'Nhiệm vụ', 'nav.broadcasts': 'Gửi tin', 'nav.accounts': 'Tài khoản',
    'role.admin': 'quản trị', 'role.editor': 'biên tập', 'role.officer': 'cán bộ',
    'login.title': 'Đăng nhập', 'login.name': 'Tên đăng nhập', 'login.password': 'Mật khẩu', 'login.submit': 'Đăng nhập', 'login.wrong': 'Sai tên đăng nhập hoặc mật khẩu.', 'login.limited': 'Quá nhiều lần thử. Vui lòng đợi 15 phút rồi thử lại.',
    'iv.title': 'Cán bộ có mã mời: tạo tài khoản', 'iv.intro': 'Nhập mã mời quản trị viên đã gửi (dùng một lần), chọn tên đăng nhập và mật khẩu. Tài khoản thuộc đơn vị ghi trong mã mời.', 'iv.code': 'Mã mời', 'iv.name': 'Tên đăng nhập mới', 'iv.submit': 'Tạo tài khoản', 'iv.done': 'Đã tạo tài khoản {name} ({unit}, {locality}). Hãy đăng nhập ở trên.',
    'error.generic': 'Có lỗi: {error}', 'error.session': 'Phiên làm việc đã hết. Vui lòng đăng nhập lại.', loading: 'Đang tải…',
    'ov.range': 'Khoảng thời gian', 'ov.since': 'Từ ngày', 'ov.until': 'Đến ngày', 'ov.campaign': 'Chiến dịch', 'ov.all': 'Tất cả', 'ov.show': 'Xem',
    'ov.questions': 'Câu hỏi', 'ov.users': 'Người dùng mới', 'ov.answered': 'Trả lời được', 'ov.clarified': 'Hỏi lại', 'ov.fallback': 'Không trả lời được', 'ov.up': '👍 Hữu ích', 'ov.down': '👎 Chưa đúng',
    'ov.perDay': 'Câu hỏi mỗi ngày', 'ov.byChannel': 'Theo kênh', 'ov.byCampaign': 'Theo chiến dịch', 'ov.topics': 'Chủ đề hỏi nhiều nhất (từ khi bắt đầu, như campaign stats)', 'ov.topic': 'Chủ đề', 'ov.count': 'Số lần', 'ov.channel': 'Kênh', 'ov.none': 'Chưa có câu hỏi nào trong khoảng này.', 'ov.direct': '(không qua chiến dịch)', 'ov.sameAsCli': 'Cùng số liệu với lệnh: npm run -s cli -- campaign stats',
    'rv.intro': 'Các câu hỏi trợ lý chưa trả lời tốt, hỏi nhiều nhất trước; số điện thoại, số giấy tờ và email đã được xóa.', 'rv.reason': 'Lý do', 'rv.all': 'Tất cả',
    'rv.fallback': 'không biết', 'rv.clarify': 'hỏi lại', 'rv.low_confidence': 'chưa chắc', 'rv.negative': '👎', 'rv.handoff': 'cán bộ đã trả lời', 'rv.draft': 'Bản nháp câu trả lời (cán bộ đã trả lời trực tiếp):', 'rv.times': '{count} lần', 'rv.got': 'Chủ đề đã nhận: {intent}',
    'rv.intent': 'Gán vào chủ đề', 'rv.choose': '— chọn chủ đề —', 'rv.assign': 'Gán làm câu hỏi mẫu', 'rv.handled': 'Đánh dấu đã xử lý', 'rv.empty': 'Không còn câu hỏi nào cần xem lại.',
    'rv.nowGets': 'Đã thêm làm câu hỏi mẫu. Câu hỏi này bây giờ nhận câu trả lời ({intent}):', 'rv.done': 'Đã đánh dấu đã xử lý.', 'rv.export': 'Câu hỏi mẫu được lưu ngay (không cần khởi động lại). Để đưa vào data/examples: npm run -s cli -- examples export',
    'cp.create': 'Tạo chiến dịch', 'cp.name': 'Tên chiến dịch', 'cp.locality': 'Địa bàn', 'cp.channel': 'Kênh', 'cp.anyChannel': 'Mọi kênh', 'cp.list': 'Các chiến dịch', 'cp.code': 'Mã', 'cp.links': 'Đường dẫn',
    'cp.qrPng': 'Tải mã QR (PNG)', 'cp.qrSvg': 'Tải mã QR (SVG)', 'cp.qrRefused': 'Chưa tải được mã QR: ', 'cp.figures': 'Số liệu', 'cp.embed': 'Nhúng khung chat vào cổng thông tin', 'cp.embedOne': 'Mã nhúng khung chat của chiến dịch này', 'cp.embedHelp': 'Dán đoạn mã này vào trang của cổng thông tin tỉnh; cho phép tên miền của cổng trong EMBED_ORIGINS (hiện tại: {origins}).', 'cp.embedMissing': 'Đặt PUBLIC_URL (địa chỉ công khai của máy chủ) để có đoạn mã nhúng và mã QR.', 'cp.created': 'Đã tạo chiến dịch {code}.', 'cp.none': 'Chưa có chiến dịch nào.',
    'of.invite': 'Mời cán bộ', 'of.unit': 'Đơn vị', 'of.locality': 'Địa bàn', 'of.make': 'Tạo mã mời', 'of.code': 'Mã mời (chỉ hiện một lần, dùng một lần, hạn đến {expires}). Cán bộ gửi cho trợ lý trên Telegram hoặc Zalo:', 'of.list': 'Cán bộ đã đăng ký', 'of.user': 'Tài khoản', 'of.since': 'Từ ngày', 'of.revoke': 'Thu hồi', 'of.revoked': 'Đã thu hồi {user}.', 'of.none': 'Chưa có cán bộ nào.', 'of.confirm': 'Thu hồi quyền cán bộ của {user}?',
    'tk.intro': 'Nhiệm vụ theo đơn vị và địa bàn, tính đến {today}. Sắp đến hạn: trong {days} ngày tới.', 'tk.open': 'Đang mở', 'tk.overdue': 'Quá hạn', 'tk.soon': 'Sắp đến hạn', 'tk.total': 'Tổng', 'tk.view': 'Xem', 'tk.back': '← Tất cả đơn vị', 'tk.via': 'trước đây: {via}',
    'tk.code': 'Mã', 'tk.title': 'Nhiệm vụ', 'tk.deadline': 'Hạn', 'tk.state': 'Tình trạng', 'tk.done': 'Đã xong', 'tk.openState': 'Đang mở', 'tk.history': 'Lịch sử', 'tk.reopen': 'Mở lại', 'tk.reopened': 'Đã mở lại nhiệm vụ {code}.', 'tk.noHistory': 'Chưa có thay đổi nào.', 'tk.role.lead': 'chủ trì', 'tk.role.support': 'phối hợp', 'tk.role.group': 'thuộc nhóm', 'tk.role.district': 'trước đây cấp huyện', 'tk.none': 'Không có nhiệm vụ.',
    'bc.compose': 'Soạn tin', 'bc.from': 'Nội dung', 'bc.fromText': 'Tự viết', 'bc.fromAnswer': 'Dùng một câu trả lời có sẵn', 'bc.text': 'Nội dung tin', 'bc.answer': 'Câu trả lời', 'bc.locality': 'Gửi cho địa bàn', 'bc.everywhere': 'Mọi địa bàn',
    'bc.preview': 'Xem trước', 'bc.recipients': 'Sẽ gửi đến {count} người đã đăng ký nhận tin (Telegram, Zalo).', 'bc.send': 'Gửi', 'bc.confirm': 'Gửi tin này đến {count} người?', 'bc.sent': 'Đang gửi tin {id}.', 'bc.list': 'Các lần gửi', 'bc.progress': 'đã gửi {sent}, lỗi {failed}, bị chặn {dropped}, bỏ qua {skipped}, còn lại {remaining} / {total}', 'bc.resume': 'Gửi tiếp', 'bc.none': 'Chưa gửi tin nào.',
    'ac.create': 'Tạo tài khoản', 'ac.password': 'Mật khẩu (ít nhất 10 ký tự)', 'ac.role': 'Vai trò', 'ac.list': 'Tài khoản bảng điều hành', 'ac.active': 'đang dùng', 'ac.disabled': 'đã khóa', 'ac.disable': 'Khóa', 'ac.enable': 'Mở khóa', 'ac.saved': 'Đã lưu tài khoản {name}.', 'ac.cli': 'Đổi mật khẩu: npm run -s cli -- user passwd TÊN (mật khẩu qua đầu vào chuẩn).',
    'au.title': 'Nhật ký quản trị', 'au.at': 'Thời gian', 'au.by': 'Người làm', 'au.action': 'Việc', 'au.target': 'Đối tượng',
  },
  en: {
    title: 'VNeID assistant console', actions: 'Actions', brand: 'Console', skip: 'Skip the menu', lang: 'Tiếng Việt', logout: 'Sign out',
    'nav.overview': 'Overview', 'nav.review': 'To review', 'nav.campaigns': 'Campaigns', 'nav.officers': 'Officers', 'nav.tasks': 'Tasks', 'nav.broadcasts': 'Broadcasts', 'nav.accounts': 'Accounts',
    'role.admin': 'administrator', 'role.editor': 'editor', 'role.officer': 'officer',
    'login.title': 'Sign in', 'login.name': 'User name', 'login.password': 'Password', 'login.submit': 'Sign in', 'login.wrong': 'Wrong user name or password.', 'login.limited': 'Too many attempts. Please wait 15 minutes and try again.',
    'iv.title': 'Officer with an invite code: create an account', 'iv.intro': 'Enter the invite code an administrator gave you (single use), choose a user name and a password. The account belongs to the unit of the invite.', 'iv.code': 'Invite code', 'iv.name': 'New user name', 'iv.submit': 'Create account', 'iv.done': 'Account {name} ({unit}, {locality}) created. Sign in above.',
    'error.generic': 'Error: {error}', 'error.session': 'Your session has ended. Please sign in again.', loading: 'Loading…',
    'ov.range': 'Period', 'ov.since': 'From', 'ov.until': 'To', 'ov.campaign': 'Campaign', 'ov.all': 'All', 'ov.show': 'Show',
    'ov.questions': 'Questions', 'ov.users': 'New users', 'ov.answered': 'Answered', 'ov.clarified': 'Clarified', 'ov.fallback': 'Not answered', 'ov.up': '👍 Helpful', 'ov.down': '👎 Wrong',
    'ov.perDay': 'Questions per day', 'ov.byChannel': 'By channel', 'ov.byCampaign': 'By campaign', 'ov.topics': 'Top topics (all time, as in campaign stats)', 'ov.topic': 'Topic', 'ov.count': 'Count', 'ov.channel': 'Channel', 'ov.none': 'No questions in this period.', 'ov.direct': '(no campaign)', 'ov.sameAsCli': 'Same figures as: npm run -s cli -- campaign stats',
    'rv.intro': 'Questions the assistant did not answer well, most frequent first; phone, ID numbers and e-mail addresses removed.', 'rv.reason': 'Reason', 'rv.all': 'All',
    'rv.fallback': 'unknown', 'rv.clarify': 'clarified', 'rv.low_confidence': 'unsure', 'rv.negative': '👎', 'rv.handoff': 'answered by staff', 'rv.draft': "Draft answer (what staff answered in live help):", 'rv.times': '{count} times', 'rv.got': 'Topic given: {intent}',
    'rv.intent': 'Assign to topic', 'rv.choose': '— choose a topic —', 'rv.assign': 'Add as example question', 'rv.handled': 'Mark handled', 'rv.empty': 'Nothing left to review.',
    'rv.nowGets': 'Added as an example. The question now gets ({intent}):', 'rv.done': 'Marked handled.', 'rv.export': 'Examples are live at once (no restart). To commit them to data/examples: npm run -s cli -- examples export',
    'cp.create': 'New campaign', 'cp.name': 'Campaign name', 'cp.locality': 'Locality', 'cp.channel': 'Channel', 'cp.anyChannel': 'All channels', 'cp.list': 'Campaigns', 'cp.code': 'Code', 'cp.links': 'Links',
    'cp.qrPng': 'Download QR (PNG)', 'cp.qrSvg': 'Download QR (SVG)', 'cp.qrRefused': 'No QR code yet: ', 'cp.figures': 'Figures', 'cp.embed': 'Embed the chat in a portal', 'cp.embedOne': "This campaign's chat embed code", 'cp.embedHelp': "Paste this into the provincial portal's page; allow the portal's origin in EMBED_ORIGINS (now: {origins}).", 'cp.embedMissing': "Set PUBLIC_URL (this server's public address) to get the embed code and QR codes.", 'cp.created': 'Campaign {code} created.', 'cp.none': 'No campaigns yet.',
    'of.invite': 'Invite an officer', 'of.unit': 'Unit', 'of.locality': 'Locality', 'of.make': 'Create invite code', 'of.code': 'Invite code (shown once, single use, valid until {expires}). The officer sends it to the assistant in Telegram or Zalo:', 'of.list': 'Registered officers', 'of.user': 'Account', 'of.since': 'Since', 'of.revoke': 'Revoke', 'of.revoked': '{user} revoked.', 'of.none': 'No officers yet.', 'of.confirm': "Revoke {user}'s officer rights?",
    'tk.intro': 'Tasks by unit and locality, as of {today}. Due soon: in the next {days} days.', 'tk.open': 'Open', 'tk.overdue': 'Overdue', 'tk.soon': 'Due soon', 'tk.total': 'Total', 'tk.view': 'View', 'tk.back': '← All units', 'tk.via': 'formerly: {via}',
    'tk.code': 'Code', 'tk.title': 'Task', 'tk.deadline': 'Due', 'tk.state': 'State', 'tk.done': 'Done', 'tk.openState': 'Open', 'tk.history': 'History', 'tk.reopen': 'Reopen', 'tk.reopened': 'Task {code} reopened.', 'tk.noHistory': 'No changes yet.', 'tk.role.lead': 'lead', 'tk.role.support': 'coordinating', 'tk.role.group': 'group member', 'tk.role.district': 'former district', 'tk.none': 'No tasks.',
    'bc.compose': 'Compose', 'bc.from': 'Content', 'bc.fromText': 'Write a text', 'bc.fromAnswer': 'Use an existing answer', 'bc.text': 'Message', 'bc.answer': 'Answer', 'bc.locality': 'Send to locality', 'bc.everywhere': 'Everywhere',
    'bc.preview': 'Preview', 'bc.recipients': 'Goes to {count} subscribers (Telegram, Zalo).', 'bc.send': 'Send', 'bc.confirm': 'Send this to {count} people?', 'bc.sent': 'Sending broadcast {id}.', 'bc.list': 'Broadcasts', 'bc.progress': 'sent {sent}, failed {failed}, blocked {dropped}, skipped {skipped}, remaining {remaining} of {total}', 'bc.resume': 'Resume', 'bc.none': 'No broadcasts yet.',
    'ac.create': 'Create account', 'ac.password': 'Password (10 characters or more)', 'ac.role': 'Role', 'ac.list': 'Console accounts', 'ac.active': 'active', 'ac.disabled': 'disabled', 'ac.disable': 'Disable', 'ac.enable': 'Enable', 'ac.saved': 'Account {name} saved.', 'ac.cli': 'Change a password: npm run -s cli -- user passwd NAME (password on standard input).',
    'au.title': 'Audit log', 'au.at': 'When', 'au.by': 'Who', 'au.action': 'Action', 'au.target': 'On',
  },
};

/** Strings a page brings along (kept in its own module). */
export function addStrings(more) {
  for (const lang of Object.keys(STRINGS)) Object.assign(STRINGS[lang], more[lang] ?? {});
}

let language = localStorage.getItem('console-lang') === 'en' ? 'en' : 'vi';

export function lang() {
  return language;
}

export function setLang(next) {
  language = next;
  localStorage.setItem('console-lang', next);
  document.documentElement.lang = next;
}

export function t(key, values = {}) {
  const text = STRINGS[language][key] ?? STRINGS.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
}

export function formatNumber(n) {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

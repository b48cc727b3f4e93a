import { describe, expect, it } from 'vitest';
import { ask, sharedKnowledge, testAssistant } from '../helpers/assistant.js';

describe('follow-ups use the previous topic of this user', () => {
  it('"còn mức 2 thì sao?" after level 1', async () => {
    const assistant = testAssistant();
    expect((await ask(assistant, 'đăng ký định danh mức 1 thế nào')).intent).toBe('vneid.level1.how');
    expect((await ask(assistant, 'còn mức 2 thì sao?')).intent).toBe('vneid.level2.how');
  });

  it('"ở đâu?" answers where, for the topic just answered', async () => {
    const assistant = testAssistant();
    await ask(assistant, 'cccd bi hong thi cap lai');
    const reply = await ask(assistant, 'o dau?');
    expect(reply.facet).toBe('place');
    expect(reply.text).toContain(sharedKnowledge().renderer.facet('cccd.chip', 'place', 'vi', 'x')!.text.split('\n')[0]);
  });

  it('"mất bao lâu" after level 2 gives the time only, not the whole answer again', async () => {
    const assistant = testAssistant();
    const whole = await ask(assistant, 'dang ky muc 2 o dau');
    const reply = await ask(assistant, 'mất bao lâu');
    expect(reply.facet).toBe('time');
    expect(reply.text).toMatch(/3 ngày làm việc/);
    expect(reply.text.length).toBeLessThan(whole.text.length / 2);
  });

  it('"mang theo giấy tờ gì" after the card gives what to bring; "mất bao lâu" after a child\'s card, the card\'s time', async () => {
    const assistant = testAssistant();
    await ask(assistant, 'thẻ căn cước hết hạn đổi ở đâu');
    const papers = await ask(assistant, 'mang theo giấy tờ gì');
    expect(papers.facet).toBe('documents');
    expect(papers.text).toContain(sharedKnowledge().renderer.facet('cccd.renew', 'documents', 'vi', 'x')!.text.split('\n')[0]);
    await ask(assistant, 'làm thẻ căn cước cho con 8 tuổi');
    const time = await ask(assistant, 'mất bao lâu');
    expect(time.facet).toBe('time');
    expect(time.text).toMatch(/7 ngày làm việc/);
  });

  it('a facet follows the current topic, not the one before it', async () => {
    const assistant = testAssistant();
    await ask(assistant, 'dang ky muc 2 o dau');
    await ask(assistant, 'mat dien thoai thi lam sao voi vneid');
    const reply = await ask(assistant, 'o dau');
    expect(reply.text).toBe(sharedKnowledge().renderer.facet('vneid.lost_phone', 'place', 'vi', 'x')!.text);
  });

  it('"how long" in English after level 2', async () => {
    const assistant = testAssistant();
    await ask(assistant, 'how do I register level 2 VNeID');
    const reply = await ask(assistant, 'how long does it take');
    expect(reply.language).toBe('en');
    expect(reply.facet).toBe('time');
    expect(reply.text).toMatch(/3 working days/);
  });

  it('keeps users apart', async () => {
    const assistant = testAssistant();
    await ask(assistant, 'cccd bi hong thi cap lai', 'alice');
    expect((await ask(assistant, 'o dau?', 'bob')).intent).toBe('fallback');
  });

  it('forgets the topic after 30 minutes', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const assistant = testAssistant({ now: () => now });
    await ask(assistant, 'cccd bi hong thi cap lai');
    now = new Date('2026-11-22T09:31:00Z');
    expect((await ask(assistant, 'o dau?')).intent).toBe('fallback');
  });

  it('a pressed button is answered like the question it stands for', async () => {
    const assistant = testAssistant();
    const first = await ask(assistant, 'lam muc 2 o dau');
    const next = first.buttons.find((b) => b.payload === 'q:vneid.activate');
    expect(next?.label).toBe('Kích hoạt tài khoản');
    const reply = await assistant.handle({ channel: 'console', userId: 'u1', button: next!.payload });
    expect(reply.intent).toBe('vneid.activate');
    expect(reply.text).toMatch(/kích hoạt/i);
  });

  it('stays in English after an English question', async () => {
    const assistant = testAssistant();
    await ask(assistant, 'is VNeID registration free');
    const reply = await assistant.handle({ channel: 'console', userId: 'u1', button: 'q:vneid.level2.how' });
    expect(reply.language).toBe('en');
  });
});

describe('fallback and odd input', () => {
  it('says plainly what it does not know and where to ask a person', async () => {
    const reply = await ask(testAssistant(), 'kết quả xổ số hôm nay');
    expect(reply.intent).toBe('fallback');
    expect(reply.text).toMatch(/không biết/);
    expect(reply.text).toMatch(/Công an cấp xã/);
    expect(reply.text).toMatch(/Trung tâm Phục vụ hành chính công/);
    expect(reply.text).toMatch(/1900 0368/);
    expect(reply.buttons.length).toBeGreaterThanOrEqual(2);
  });

  it('offers its best guess as the first button, keeps "ask a person" last, and guesses nothing out of scope', async () => {
    const unsure = await ask(testAssistant(), 'Căn cước công dân để quên ở nhà người quen tỉnh khác thì xử lý sao?');
    expect(unsure.intent).toBe('fallback');
    expect(unsure.buttons[0]?.payload).toBe('q:cccd.chip');
    expect(unsure.buttons.at(-1)?.payload).toBe('q:handoff.request');
    const plain = sharedKnowledge().renderer.answer('fallback', 'vi').buttons.map((b) => b.payload);
    const lottery = await ask(testAssistant(), 'kết quả xổ số hôm nay');
    expect(lottery.buttons.map((b) => b.payload)).toEqual(plain);
    // near the domain (marriage is among the 25 online services) but not about it: no guess either
    const marriage = await ask(testAssistant(), 'đăng ký kết hôn cần gì');
    expect(marriage.buttons.map((b) => b.payload)).toEqual(plain);
  });

  it('a named service done online is among the essential services, but its papers or fees are not ours to list', async () => {
    expect((await ask(testAssistant(), 'lam ho chieu online')).intent).toBe('dvc.essential_services');
    expect((await ask(testAssistant(), 'Làm hộ chiếu online cần những gì?')).intent).toBe('fallback');
    expect((await ask(testAssistant(), 'đăng ký kết hôn online cần giấy tờ gì')).intent).toBe('fallback');
  });

  it('"nhân viên" asks for a person only when the person wants one, not in a question about an employer', async () => {
    expect((await ask(testAssistant(), 'chuyển qua nhân viên giúp mình')).intent).toBe('handoff.request');
    expect((await ask(testAssistant(), 'cho mình nói chuyện với nhân viên')).intent).toBe('handoff.request');
    expect((await ask(testAssistant(), 'Công ty bảo vệ có được phép giữ căn cước của nhân viên không?')).intent).not.toBe('handoff.request');
  });

  it.each([
    ['empty', ''],
    ['spaces', '   \n\t '],
    ['emoji only', '😀👍🎉'],
    ['null bytes', '\u0000\u0000'],
  ])('%s gets the menu, not an error', async (_name, text) => {
    const reply = await ask(testAssistant(), text);
    expect(reply.intent).toBe('ui.empty');
    expect(reply.buttons.length).toBeGreaterThan(0);
  });

  it('a sticker gets a request to type', async () => {
    const reply = await testAssistant().handle({ channel: 'telegram', userId: 'u1', attachment: 'sticker' });
    expect(reply.intent).toBe('ui.not_text');
    expect(reply.text).toMatch(/gõ câu hỏi/);
  });

  it('a 10,000-character message is read from its beginning', async () => {
    const reply = await ask(testAssistant(), `đăng ký mức 2 ở đâu ${'a'.repeat(10_000)}`);
    expect(reply.intent).toBe('vneid.level2.how');
    expect(reply.text).toMatch(/quá dài/);
  });

  it('right-to-left text and control characters do not break it', async () => {
    const reply = await ask(testAssistant(), '\u202Eمرحبا\u202C dang ky muc 2 \u0007');
    expect(reply.intent).toBe('vneid.level2.how');
  });

  it('an unknown button payload is a fallback, not an error', async () => {
    const reply = await testAssistant().handle({ channel: 'web', userId: 'u1', button: 'q:does.not.exist' });
    expect(reply.intent).toBe('fallback');
  });

  it('/lang switches the language of later answers', async () => {
    const assistant = testAssistant();
    expect((await ask(assistant, '/lang en')).language).toBe('en');
    expect((await assistant.handle({ channel: 'console', userId: 'u1', button: 'q:fee' })).language).toBe('en');
  });
});

describe('the per-person limit', () => {
  it('answers 20 messages a minute, says "wait" once, then stays silent; another person and the next minute are not held back', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const assistant = testAssistant({ now: () => now });
    const replies = [];
    for (let i = 0; i < 23; i++) replies.push(await ask(assistant, `câu hỏi ${i}`, 'flood'));
    expect(replies.slice(0, 20).every((r) => !r.silent && r.intent !== 'ui.rate_limited')).toBe(true);
    expect(replies[20]!.intent).toBe('ui.rate_limited');
    expect(replies[20]!.silent).toBeFalsy();
    expect(replies.slice(21).every((r) => r.silent)).toBe(true);
    expect((await ask(assistant, 'dang ky muc 2 o dau', 'other')).intent).toBe('vneid.level2.how');
    now = new Date('2026-11-22T09:01:00Z');
    expect((await ask(assistant, 'dang ky muc 2 o dau', 'flood')).intent).toBe('vneid.level2.how');
  });

  it('keeps the cleaned text: control characters never reach the review list', async () => {
    const { LocalStore } = await import('../../src/storage/local-store.js');
    const { ReviewList } = await import('../../src/review/review-list.js');
    const { createAssistant } = await import('../../src/core/build.js');
    const store = LocalStore.memory();
    const assistant = createAssistant({ store, clock: () => new Date('2026-11-22T09:00:00Z') }, sharedKnowledge());
    await ask(assistant, 'xổ số\u001b[2J\u0007 hôm nay');
    const [item] = await new ReviewList(store).top(5);
    expect(item!.text).not.toMatch(/[\u0000-\u001f\u007f]/);
  });
});

describe('/subscribe with a place name', () => {
  it('repeats the place as typed, even with $ signs that a replace() would read as patterns', async () => {
    const reply = await testAssistant().handle({ channel: 'telegram', userId: 's1', text: "/subscribe Hội An $& $' $1" });
    expect(reply.text).toContain("(Hội An $& $' $1)");
  });
});

describe('a first question that asks for one facet', () => {
  const facetLine = (topic: string, facet: 'time' | 'fee') => sharedKnowledge().content.locales.vi.answers[topic]!.facets![facet]!;

  it('"làm căn cước gắn chip mất bao lâu": the time leads the answer, the whole answer follows', async () => {
    const reply = await ask(testAssistant(), 'lam can cuoc gan chip mat bao lau');
    expect(reply.intent).toBe('cccd.chip');
    expect(reply.text.startsWith(facetLine('cccd.chip', 'time'))).toBe(true);
    expect(reply.text).toContain(sharedKnowledge().content.locales.vi.answers['cccd.chip']!.text);
  });

  it('the line is not repeated when the answer already says it (renewal names its time in a step)', async () => {
    const reply = await ask(testAssistant(), 'doi the can cuoc khi du 40 tuoi mat bao lau');
    expect(reply.intent).toBe('cccd.renew');
    expect(reply.text.startsWith(sharedKnowledge().content.locales.vi.answers['cccd.renew']!.text)).toBe(true);
  });

  it('"có được chụp lại không" about a card: the cases the law allows lead the answer, and "trường hợp nào?" after it gives them alone', async () => {
    const cases = sharedKnowledge().renderer.facet('cccd.renew', 'cases', 'vi', 'cccd.renew')!.text.split('\n')[0]!;
    const first = await ask(testAssistant(), 'ảnh trên thẻ căn cước xấu quá, muốn chụp lại được không');
    expect(first.text.startsWith(cases)).toBe(true);
    const assistant = testAssistant();
    await ask(assistant, 'đổi thẻ căn cước ở đâu');
    const follow = await ask(assistant, 'trường hợp nào thì phải đổi?');
    expect(follow.text.startsWith(cases)).toBe(true);
    expect(follow.text).not.toMatch(/Nơi làm/);
  });

  it('"bao lâu" about how long a card stays valid is not read as the processing time', async () => {
    const reply = await ask(testAssistant(), 'cmnd con dung duoc bao lau');
    expect(reply.intent).toBe('cmnd.expired');
    expect(reply.text.startsWith(facetLine('cmnd.expired', 'time'))).toBe(false);
  });
});

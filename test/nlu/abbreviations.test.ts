import { describe, expect, it } from 'vitest';
import { sharedKnowledge } from '../helpers/assistant.js';

const understand = (text: string) => sharedKnowledge().understander.understand(text);

describe('abbreviation and chat-spelling expansion', () => {
  it.each([
    ['dk tk dddt', 'dang ky tai khoan dinh danh dien tu'],
    ['đk cccd', 'dang ky can cuoc cong dan'],
    ['dvcqg', 'dich vu cong quoc gia'],
    ['the bhyt', 'the bao hiem y te'],
    ['sdt chinh chu', 'so dien thoai chinh chu'],
    ['quen mk', 'quen mat khau'],
    ['ntn', 'nhu the nao'],
    ['lv1', 'muc 1'],
    ['m2 o dau z', 'muc 2 o dau vay'],
    ['ko hok kg', 'khong khong khong'],
    ['digital IDs', 'digital id'],
    ['đăng kí', 'dang ky'],
    ['xin lí lịch tư pháp', 'xin ly lich tu phap'],
    ['qui định', 'quy dinh'],
  ])('%s → %s', (input, expected) => {
    expect(understand(input).text).toBe(expected);
  });

  it('reads "100k" as a sum of money (nghìn), not as "100 không"', () => {
    expect(understand('nhan 100k qua vneid').text).toBe('nhan 100 nghin qua vneid');
    expect(understand('lam dc k').text).toBe('lam duoc khong');
  });

  it('reads dk as "được" after a verb at the end of a question, as "đăng ký" elsewhere', () => {
    expect(understand('lam dk ko').text).toBe('lam duoc khong');
    expect(understand('dk muc 2 o dau').text).toBe('dang ky muc 2 o dau');
    expect(understand('ai dc dk dinh danh').text).toBe('ai duoc dang ky dinh danh');
  });

  it('reads "t" after a number as tuổi, and leaves it alone elsewhere', () => {
    expect(understand('24t lam cccd thi 25t co phai doi ko').text).toBe('24 tuoi lam can cuoc cong dan thi 25 tuoi co phai doi khong');
    expect(understand('t muon hoi').text).toBe('t muon hoi');
  });

  it('reads the ways people address the page ("ac ơi", "mn ơi", "b ơi") as words that name no topic', () => {
    expect(understand('mat cccd roi phai lam gi ac oi').text).toBe('mat can cuoc cong dan roi phai lam gi anh chi oi');
    expect(understand('mn oi cho hoi').text).toBe('moi nguoi oi cho hoi');
    expect(understand('b oi').text).toBe('ban oi');
    expect(understand('b cccd').text).not.toContain('ban');
  });

  it('reads "su phat" (a common misspelling) as xử phạt, and "su" elsewhere as typed', () => {
    expect(understand('chua dk co bi su phat ko').text).toBe('chua dang ky co bi xu phat khong');
    expect(understand('lich su').text).toBe('lich su');
  });

  it('reads "qua" after "đổi" or "chuyển" before a card as sang (southern speech), and "qua" elsewhere as typed', () => {
    expect(understand('doi qua cccd').text).toBe('doi sang can cuoc cong dan');
    expect(understand('chuyen qua the can cuoc').text).toBe('chuyen sang the can cuoc');
    expect(understand('nhan tien qua vneid').text).toBe('nhan tien qua vneid');
  });

  it('reads "ca" as công an only before a place', () => {
    expect(understand('ca xa').text).toBe('cong an xa');
    expect(understand('ca nhan').text).toBe('ca nhan');
  });

  it('keeps the original text', () => {
    expect(understand('  Đăng ký mức 2?').original).toBe('  Đăng ký mức 2?');
  });
});

describe('typo tolerance', () => {
  it('corrects one-letter slips and swaps on domain words', () => {
    expect(understand('dnag ky vneid').text).toBe('dang ky vneid');
    expect(understand('kick hoat').text).toBe('kich hoat');
    expect(understand('dinhdanh').text).toBe('dinh danh');
  });

  it('leaves real Vietnamese words alone', () => {
    expect(understand('hôm nay trời đẹp').text).toBe('hom nay troi dep');
  });

  it('corrects a word that is no Vietnamese syllable, even when it looks like one at a glance', () => {
    expect(understand('dang ky thuoong tru').text).toBe('dang ky thuong tru');
    expect(understand('deiu kien lam the').text).toBe('dieu kien lam the');
    expect(understand('lam dunh danh').text).toBe('lam dinh danh');
  });

  it('of several words one slip away, takes the one that makes a phrase with its neighbour', () => {
    expect(understand('to cao lua dao dinh dnh').text).toContain('dinh danh');
    expect(understand('co neid roi').text).toBe('co vneid roi');
  });

  it('corrects a slip on an abbreviation ("ccd", "ccccd") into what it stands for', () => {
    expect(understand('doi ccd o dau').text).toBe('doi can cuoc cong dan o dau');
    expect(understand('ccccd het han').text).toBe('can cuoc cong dan het han');
    expect(understand('levl 2 where').text).toBe('muc 2 where');
  });

  it('reads a real syllable as a domain word missing a letter only where its neighbour makes the phrase ("can cuc")', () => {
    expect(understand('lam the can cuc o dau').text).toBe('lam the can cuoc o dau');
    expect(understand('dang hap dich vu cong').text).toBe('dang nhap dich vu cong');
    expect(understand('so ho khu bi thu hoi').text).toBe('so ho khau bi thu hoi');
    // a key beside the right one, for a syllable no text of the project uses; "mau" is a word ("mẫu"), so it stays
    expect(understand('diem ho tro lam sich vu cong').text).toBe('diem ho tro lam dich vu cong');
    expect(understand('doi mau the can cuoc').text).toBe('doi mau the can cuoc');
    // a syllable typed with its diacritics is what its writer meant
    expect(understand('đăng hạp vneid').text).toBe('dang hap vneid');
    expect(understand('dang hap vneid').text).toBe('dang nhap vneid');
    // pairs seen side by side in Vietnamese text are left as typed ("thẻ BHYT" is not "thuê", "cho tôi hỏi" not "chơi")
    expect(understand('the bhyt').text).toBe('the bao hiem y te');
    expect(understand('cho toi hoi').text).toBe('cho toi hoi');
  });

  it('leaves English words of an English message alone ("place" is not "plane", "back" not "bank")', () => {
    expect(understand('Where is the place to renew my card?').text).toContain('place');
    expect(understand('How do I get back into VNeID on a new phone?').text).toContain('back');
    expect(understand('How long does it take to get a card?').text).toContain('take');
    // an English typo of a domain word is still corrected
    expect(understand('How do I activate my VNeID acount?').text).toContain('account');
  });
});

describe('central-dialect words', () => {
  it('read mô, răng, chi as đâu, sao, gì only where they mean that', () => {
    expect(understand('đăng ký mức 2 ở mô').text).toBe('dang ky muc 2 o dau');
    expect(understand('mang chi theo').text).toBe('mang gi theo');
    expect(understand('chi phí bao nhiêu').text).toBe('chi phi bao nhieu');
    expect(understand('chi tiết nhiệm vụ').text).toBe('chi tiet nhiem vu');
  });
});

describe('English plurals and verb forms', () => {
  it('reads an English plural as its singular, so a rule written with "penalty" meets "penalties"', () => {
    expect(understand('What are the penalties for not having a digital ID?').text).toBe('what are the penalty for not have a digital id');
    expect(understand('Which phones can use VNeID').text).toBe('which phone can use vneid');
  });

  it('leaves Vietnamese, short words and English words that only look plural alone', () => {
    expect(understand('does this always work with cards').text).toBe('does this always work with card');
    expect(understand('cccd cua toi bi mat').text).toBe('can cuoc cong dan cua toi bi mat');
  });

  it('reads "issuing", "issued" and "registering" as "issue" and "register", but not "during" or "morning"', () => {
    expect(understand('issuing issued registering registered').text).toBe('issue issue register register');
    expect(understand('during the morning').text).toBe('during the morning');
  });

  it('a service named with a verb form is still found ("driving licence")', () => {
    expect(understand('how to add my driving licence to vneid').entities.service).toBe('driving_licence');
  });

  it('a rule phrase read in its base form does not catch a bare common word ("helping" must not catch "help", "signing" not "sign in")', async () => {
    const k = sharedKnowledge();
    const intentOf = async (text: string) => (await k.topics.find(understand(text), {})).intent;
    expect(await intentOf('help')).toBe('help');
    expect(await intentOf('how to sign in to dichvucong with VNeID')).toBe('dvc.login_vneid');
    expect(await intentOf('how do I sign up for VNeID level 1')).toBe('vneid.level1.how');
  });

  it('a rule for "penalty" answers a question about "penalties"', async () => {
    const k = sharedKnowledge();
    const found = await k.topics.find(understand('What are the penalties for not having a digital ID?'), {});
    expect(found.candidates[0]?.intent ?? found.intent).toBe('vneid.mandatory');
  });
});

import { describe, expect, it } from 'vitest';
import { sharedKnowledge } from '../helpers/assistant.js';

const understand = (text: string) => sharedKnowledge().understander.understand(text);

describe('entities', () => {
  it('finds the account level in every spelling', () => {
    expect(understand('mức độ 2').entities.levels).toEqual([2]);
    expect(understand('lv1').entities.levels).toEqual([1]);
    expect(understand('level 1 vs level 2').entities.levels).toEqual([1, 2]);
    expect(understand('muc hai').entities.levels).toEqual([2]);
    expect(understand('dang ky vneid').entities.levels).toEqual([]);
  });

  it('finds an age', () => {
    expect(understand('con tôi 10 tuổi').entities.age).toBe(10);
    expect(understand('tre em duoi 14').entities.age).toBe(14);
    expect(understand('a 12 year old').entities.age).toBe(12);
  });

  it('does not read a date ("từ 1/7/2024", "từ 1-7") as an age', () => {
    expect(understand('từ 1/7/2024 ai được cấp thẻ căn cước').entities.age).toBeUndefined();
    expect(understand('tu 1-7 lam can cuoc o dau').entities.age).toBeUndefined();
    expect(understand('tu 14 tuoi').entities.age).toBe(14);
  });

  it('names the essential service asked about', () => {
    expect(understand('đăng ký kết hôn trực tuyến').entities.service).toBe('marriage_registration');
    expect(understand('lam ho chieu online').entities.service).toBe('passport');
    expect(understand('doi bang lai xe').entities.service).toBe('driving_licence');
  });

  it('reads task codes from the original text', () => {
    expect(understand('xong 2.3.1').entities.taskCode).toBe('2.3.1');
    expect(understand('chi tiết II.13').entities.taskCode).toBe('II.13');
  });

  it('tells the language', () => {
    expect(understand('how to get a level 2 electronic ID').language).toBe('en');
    expect(understand('lam muc 2 o dau').language).toBe('vi');
    expect(understand('đăng ký').language).toBe('vi');
    expect(understand('qwerty').language).toBeUndefined();
  });
});

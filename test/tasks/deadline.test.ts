import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../src/tasks/deadline.js';

describe('deadlines as plans write them', () => {
  it.each([
    ['Quý I/2023', 'date', '2023-03-31'],
    ['Quy I/2023', 'date', '2023-03-31'],
    ['Trong Quý III/2023.', 'date', '2023-09-30'],
    ['tháng 02/2023', 'date', '2023-02-28'],
    ['hoàn thành trong tháng 02/2024', 'date', '2024-02-29'],
    ['trước ngày 30/6/2024', 'date', '2024-06-30'],
    ['01/6/2023', 'date', '2023-06-01'],
    ['Năm 2024', 'date', '2024-12-31'],
    ['Tháng \n01/2022', 'date', '2022-01-31'],
    ['du kien hoan thanh trong thang 11 nam 2022', 'date', '2022-11-30'],
    ['thường xuyên', 'ongoing', null],
    ['thuong xuyen', 'ongoing', null],
    ['thudng xuyén', 'ongoing', null],
    ['năm 2023 và các năm tiếp theo', 'ongoing', null],
    ['nam 2023 va cac nam tiep theo', 'ongoing', null],
    ['Thực hiện thường xuyên, bắt đầu từ tháng 3/2023', 'ongoing', null],
    ['theo Kế hoạch của Bộ Công an', 'external', null],
    ['theo Ké hoach cia Bo Cong an', 'external', null],
    ['Sau khi có hướng dẫn của Bộ Công an', 'external', null],
    ['', 'none', null],
  ])('%j → %s %s', (text, kind, due) => {
    const d = parseDeadline(text);
    expect(d.kind).toBe(kind);
    expect(d.due).toBe(due);
  });

  it('takes the last of staged dates', () => {
    expect(parseDeadline('Tại Bộ phận Một cửa cấp tỉnh từ ngày 01/6/2022; cấp huyện từ ngày 01/12/2022; cấp xã từ ngày 01/6/2023').due).toBe('2023-06-01');
    expect(parseDeadline('Quý I/2023: ban hành kế hoạch; Quý IV/2023: tổng kết').due).toBe('2023-12-31');
  });

  it('does not take the date of a document cited as the source of the deadline', () => {
    const d = parseDeadline('Trong Quý I/2023, đảm bảo thời hạn Thủ tướng Chính phủ giao tại Chỉ thị số 05/CT-TTg ngày 23/02/2023.');
    expect(d).toEqual({ kind: 'date', due: '2023-03-31', text: 'Trong Quý I/2023' });
    expect(parseDeadline('theo Chỉ thị số 05/CT-TTg ngày 23/02/2023').due).toBeNull();
  });

  it('keeps the text it read, without the trailing clause and full stop', () => {
    expect(parseDeadline('theo Kế hoạch của Bộ Công an đảm bảo tiến độ theo Kế hoạch UBND tỉnh giao.').text).toBe('theo Kế hoạch của Bộ Công an');
  });
});

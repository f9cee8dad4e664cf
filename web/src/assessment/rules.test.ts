import { describe, expect, it } from 'vitest';
import { problemOf, resultOf, scoreOf, targetsOf, totalPoints, valueFromView, type FrameworkDocument } from './rules';

const points: FrameworkDocument = {
  code: 'KHVN-448-2015-GDHT', version: 1, title: 'Gia đình học tập', regulation: '448/QĐ-KHVN', decision: 'POINTS',
  criteria: [
    { code: 'TC1', name: 'Học tập', indicators: [{ code: 'TC1.1', name: 'a', maxPoints: 30 }, { code: 'TC1.2', name: 'b', maxPoints: 20 }] },
    { code: 'TC2', name: 'Điều kiện', indicators: [{ code: 'TC2.1', name: 'c', maxPoints: 20 }] },
    { code: 'TC3', name: 'Kết quả', indicators: [{ code: 'TC3.1', name: 'd', maxPoints: 30 }] },
  ],
  thresholds: [{ result: 'TOT', minPoints: 80 }, { result: 'KHA', minPoints: 65 }, { result: 'TRUNG_BINH', minPoints: 50 }],
};

const levels: FrameworkDocument = {
  code: 'TT25-2023-CDHT-XA', version: 1, title: 'CĐHT cấp xã', regulation: 'TT 25/2023', decision: 'ALL_MET',
  levels: ['MUC_DO_1', 'MUC_DO_2'],
  criteria: [{ code: 'TC1', name: 'x', indicators: [
    { code: 'TC1.1', name: 'a', levels: ['MUC_DO_1'] }, { code: 'TC1.2', name: 'b', levels: ['MUC_DO_1'] },
    { code: 'TC1.3', name: 'c', levels: ['MUC_DO_2'] }] }],
};

describe('the form total and result while typing', () => {
  it('adds the points given, empty ones as nothing', () => {
    expect(totalPoints({ 'TC1.1': 25, 'TC1.2': 12.5, 'TC2.1': undefined })).toBe(37.5);
    expect(totalPoints({})).toBe(0);
  });

  it('gives the first threshold the total reaches, highest first, else not met', () => {
    expect(resultOf(points, { 'TC1.1': 30, 'TC1.2': 20, 'TC2.1': 20, 'TC3.1': 10 })).toBe('TOT');
    expect(resultOf(points, { 'TC1.1': 30, 'TC1.2': 20, 'TC2.1': 15 })).toBe('KHA');
    expect(resultOf(points, { 'TC1.1': 30, 'TC1.2': 20 })).toBe('TRUNG_BINH');
    expect(resultOf(points, { 'TC1.1': 30, 'TC1.2': 19.5 })).toBe('CHUA_DAT');
  });

  it('gives the highest level whose indicators and those below are all met', () => {
    expect(resultOf(levels, { 'TC1.1': true, 'TC1.2': true, 'TC1.3': true })).toBe('MUC_DO_2');
    expect(resultOf(levels, { 'TC1.1': true, 'TC1.2': true, 'TC1.3': false })).toBe('MUC_DO_1');
    expect(resultOf(levels, { 'TC1.1': true, 'TC1.2': false, 'TC1.3': true })).toBe('CHUA_DAT');
  });

  it('says when points are out of the indicator range', () => {
    expect(problemOf(points, { code: 'TC1.1', name: 'a', maxPoints: 30 }, 31)).toBe('Điểm từ 0 đến 30.');
    expect(problemOf(points, { code: 'TC1.1', name: 'a', maxPoints: 30 }, -1)).toBe('Điểm từ 0 đến 30.');
    expect(problemOf(points, { code: 'TC1.1', name: 'a', maxPoints: 30 }, 30)).toBeNull();
  });
});

// TT 24/2023 as corrected: the same criteria at both levels, level 2 with a higher share of Công dân học tập.
const perLevel: FrameworkDocument = {
  code: 'TT24-2023-DVHT', version: 2, title: 'ĐVHT cấp huyện', regulation: 'TT 24/2023', decision: 'ALL_MET',
  levels: ['MUC_DO_1', 'MUC_DO_2'],
  criteria: [{ code: 'TC1', name: 'x', indicators: [
    { code: 'TC1.1', name: 'kế hoạch', kind: 'CONDITION', levels: ['MUC_DO_1', 'MUC_DO_2'] },
    { code: 'TC2.3', name: 'CDHT', kind: 'RATIO', min: { MUC_DO_1: 90, MUC_DO_2: 95 } },
    { code: 'TC4.1', name: 'XMC', kind: 'COUNT', min: { MUC_DO_1: 1, MUC_DO_2: 2 } }] }],
};

describe('per-level targets while typing', () => {
  const at = (numerator: number, denominator: number, count = 2) =>
    resultOf(perLevel, { 'TC1.1': true, 'TC2.3': { numerator, denominator }, 'TC4.1': count });

  it('reaches a level at exactly its target and not one below, comparing without rounding', () => {
    expect(at(95, 100)).toBe('MUC_DO_2');
    expect(at(94, 100)).toBe('MUC_DO_1');
    expect(at(90, 100)).toBe('MUC_DO_1');
    expect(at(3599, 4000)).toBe('CHUA_DAT');
    expect(at(95, 100, 1)).toBe('MUC_DO_1');
    expect(at(95, 100, 0)).toBe('CHUA_DAT');
  });

  it('counts a ratio without a denominator, or half typed, as not met', () => {
    expect(at(0, 0)).toBe('CHUA_DAT');
    expect(resultOf(perLevel, { 'TC1.1': true, 'TC2.3': { numerator: 95 }, 'TC4.1': 2 })).toBe('CHUA_DAT');
  });

  it('says what is wrong with a ratio or a count, and sends each kind as the API takes it', () => {
    const ratio = perLevel.criteria[0].indicators[1];
    const count = perLevel.criteria[0].indicators[2];
    expect(problemOf(perLevel, ratio, { numerator: 51, denominator: 50 })).toBe('Tử số không lớn hơn mẫu số.');
    expect(problemOf(perLevel, ratio, { numerator: 5 })).toBe('Cần cả tử số và mẫu số.');
    expect(problemOf(perLevel, count, 1.5)).toBe('Số nguyên từ 0 trở lên.');
    expect(scoreOf(perLevel, ratio, { numerator: 45, denominator: 50 })).toEqual({ indicator: 'TC2.3', numerator: 45, denominator: 50 });
    expect(scoreOf(perLevel, count, 2)).toEqual({ indicator: 'TC4.1', count: 2 });
    expect(valueFromView({ numerator: 45, denominator: 50 })).toEqual({ numerator: 45, denominator: 50 });
    expect(targetsOf(perLevel, ratio)).toBe('Mức độ 1: ≥ 90% · Mức độ 2: ≥ 95%');
  });
});

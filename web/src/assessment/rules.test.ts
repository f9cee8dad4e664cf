import { describe, expect, it } from 'vitest';
import { problemOf, resultOf, totalPoints, type FrameworkDocument } from './rules';

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
    expect(problemOf({ code: 'TC1.1', name: 'a', maxPoints: 30 }, 31)).toBe('Điểm từ 0 đến 30.');
    expect(problemOf({ code: 'TC1.1', name: 'a', maxPoints: 30 }, -1)).toBe('Điểm từ 0 đến 30.');
    expect(problemOf({ code: 'TC1.1', name: 'a', maxPoints: 30 }, 30)).toBeNull();
  });
});

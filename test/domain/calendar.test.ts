/** Quarters, half-years, stamps and the percent text (domain/calendar.ts), against a calendar by hand. */
import { formatPercent, halfOf, isHalf, isoDay, isQuarter, nextQuarter, periodRange, previousQuarter, quarterOf, quarterRange, stampTime, yearHalves, yearQuarters } from '../../src/domain';

describe('calendar periods', () => {
  test('a date belongs to its quarter and half-year', () => {
    expect(quarterOf('2026-01-01')).toBe('2026Q1');
    expect(quarterOf('2026-03-31')).toBe('2026Q1');
    expect(quarterOf('2026-04-01')).toBe('2026Q2');
    expect(quarterOf('2026-12-31')).toBe('2026Q4');
    expect(halfOf('2026-06-30')).toBe('2026H1');
    expect(halfOf('2026-07-01')).toBe('2026H2');
    expect(yearQuarters(2026)).toEqual(['2026Q1', '2026Q2', '2026Q3', '2026Q4']);
    expect(yearHalves(2026)).toEqual(['2026H1', '2026H2']);
  });

  test('first and last days, leap years included', () => {
    expect(quarterRange('2026Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(quarterRange('2026Q2')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(quarterRange('2026Q3')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(quarterRange('2026Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodRange('2028Q1')).toEqual({ start: '2028-01-01', end: '2028-03-31' });
    expect(periodRange('2026H1')).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    expect(periodRange('2026H2')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
  });

  test('neighbouring quarters cross years', () => {
    expect(previousQuarter('2026Q1')).toBe('2025Q4');
    expect(previousQuarter('2026Q3')).toBe('2026Q2');
    expect(nextQuarter('2026Q4')).toBe('2027Q1');
    expect(nextQuarter('2026Q2')).toBe('2026Q3');
  });

  test('period names are checked', () => {
    expect(isQuarter('2026Q4')).toBe(true);
    expect(isQuarter('2026Q5')).toBe(false);
    expect(isQuarter('2026H1')).toBe(false);
    expect(isHalf('2026H2')).toBe(true);
    expect(isHalf('2026H3')).toBe(false);
  });
});

describe('stamps and percent text', () => {
  test('the local day and minute, zero-padded', () => {
    const d = new Date(2026, 2, 5, 9, 7, 30); // local time: 5 March 2026 09:07:30
    expect(isoDay(d)).toBe('2026-03-05');
    expect(stampTime(d)).toBe('2026-03-05 09:07');
  });

  test('a fraction as percent text; no value is a dash', () => {
    expect(formatPercent(0.92346)).toBe('92.35%');
    expect(formatPercent(0.9234)).toBe('92.34%');
    expect(formatPercent(0.9, 1)).toBe('90.0%');
    expect(formatPercent(-0.1)).toBe('-10.00%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
  });
});

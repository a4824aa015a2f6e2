import { periodSlices } from './reach-periods';

const sorted = (slices: ReturnType<typeof periodSlices>) => [...slices].sort((a, b) => `${a.kind}${a.from}`.localeCompare(`${b.kind}${b.from}`));

describe('periodSlices', () => {
  it('answers a calendar year with one year row per key when no period is kept', () => {
    expect(periodSlices('2025-01-01', '2025-12-31', 'Y')).toEqual([{ kind: 'Y', from: '2025', to: '2025' }]);
  });

  it('uses whole years, then whole months, then days at the edges', () => {
    expect(sorted(periodSlices('2024-03-15', '2026-02-10', 'Y'))).toEqual([
      { kind: 'D', from: '2024-03-15', to: '2024-03-31' },
      { kind: 'D', from: '2026-02-01', to: '2026-02-10' },
      { kind: 'M', from: '2024-04', to: '2024-12' },
      { kind: 'M', from: '2026-01', to: '2026-01' },
      { kind: 'Y', from: '2025', to: '2025' },
    ]);
  });

  it('stops at months when the report keeps MONTH, and at days for DAY or WEEK', () => {
    expect(sorted(periodSlices('2024-03-15', '2026-02-10', 'M'))).toEqual([
      { kind: 'D', from: '2024-03-15', to: '2024-03-31' },
      { kind: 'D', from: '2026-02-01', to: '2026-02-10' },
      { kind: 'M', from: '2024-04', to: '2026-01' },
    ]);
    expect(periodSlices('2025-01-01', '2025-12-31', 'M')).toEqual([{ kind: 'M', from: '2025-01', to: '2025-12' }]);
    expect(periodSlices('2025-01-01', '2025-12-31', 'D')).toEqual([{ kind: 'D', from: '2025-01-01', to: '2025-12-31' }]);
  });

  it('uses months when no whole year fits, and days inside one month', () => {
    expect(periodSlices('2025-02-01', '2025-12-31', 'Y')).toEqual([{ kind: 'M', from: '2025-02', to: '2025-12' }]);
    expect(sorted(periodSlices('2025-01-01', '2026-01-31', 'Y'))).toEqual([
      { kind: 'M', from: '2026-01', to: '2026-01' },
      { kind: 'Y', from: '2025', to: '2025' },
    ]);
    expect(periodSlices('2025-03-09', '2025-03-15', 'Y')).toEqual([{ kind: 'D', from: '2025-03-09', to: '2025-03-15' }]);
  });
});

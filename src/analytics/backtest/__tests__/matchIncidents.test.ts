import { matchIncidents } from '../matchIncidents';

const MIN = 60_000;

describe('matchIncidents', () => {
  // Incidents 100–120 min and 500–530 min; early window 15 min.
  const incidents = [
    { fromMs: 100 * MIN, toMs: 120 * MIN },
    { fromMs: 500 * MIN, toMs: 530 * MIN },
  ];

  it('counts a firing starting up to earlyMs before or during an incident, and nothing else', () => {
    // 90: 10 min early → incident 0; 110: during → incident 0; 300: false alarm; 484: 16 min early → false alarm.
    const firings = [90, 110, 300, 484].map((m) => ({ startMs: m * MIN }));
    const r = matchIncidents(firings, incidents, { earlyMs: 15 * MIN });
    expect(Array.from(r.firingIncident)).toEqual([0, 0, -1, -1]);
    expect(r.matchedFirings).toBe(2);
    expect(r.precision).toBe(0.5);
    expect(r.caughtIncidents).toBe(1);
    expect(r.recall).toBe(0.5);
    // Incident 0's first counting firing is 10 min before its start; incident 1 is missed.
    expect(Array.from(r.delayMs)).toEqual([-10 * MIN, NaN]);
    expect(r.medianDelayMs).toBe(-10 * MIN);
  });

  it('takes the median delay over caught incidents', () => {
    const firings = [102, 505].map((m) => ({ startMs: m * MIN }));
    const r = matchIncidents(firings, incidents);
    expect(r.precision).toBe(1);
    expect(r.recall).toBe(1);
    expect(r.medianDelayMs).toBe(3.5 * MIN);
  });

  it('answers NaN precision with no firings and NaN recall with no incidents', () => {
    expect(matchIncidents([], incidents).precision).toBeNaN();
    expect(matchIncidents([], incidents).recall).toBe(0);
    expect(matchIncidents([{ startMs: 0 }], []).recall).toBeNaN();
    expect(matchIncidents([{ startMs: 0 }], []).precision).toBe(0);
  });

  it('defaults to a 15-minute early window and does not mutate its inputs', () => {
    const firings = [{ startMs: 85 * MIN }];
    const copy = JSON.parse(JSON.stringify({ firings, incidents }));
    expect(matchIncidents(firings, incidents).recall).toBe(0.5);
    expect(matchIncidents([{ startMs: 84 * MIN }], incidents).recall).toBe(0);
    expect({ firings, incidents }).toEqual(copy);
  });
});

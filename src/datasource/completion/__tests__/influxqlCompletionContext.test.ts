import { influxMeasurement, influxqlCompletionContext } from '../influxqlCompletionContext';

const at = (withCursor: string) => {
  const cursor = withCursor.indexOf('|');
  return influxqlCompletionContext(withCursor.replace('|', ''), cursor);
};

describe('influxqlCompletionContext', () => {
  it('completes measurements after FROM, quoted or not', () => {
    expect(at('SELECT mean("v") FROM cp|')).toMatchObject({ kind: 'measurement', prefix: 'cp', quoted: false });
    expect(at('SELECT * FROM "cp|')).toMatchObject({ kind: 'measurement', prefix: 'cp', quoted: true });
  });

  it('completes field keys in SELECT using the measurement named later in the text', () => {
    expect(at('SELECT mean(us|) FROM "cpu" WHERE $timeFilter')).toMatchObject({
      kind: 'fieldKey',
      prefix: 'us',
      metric: 'cpu',
    });
  });

  it('completes tag keys in WHERE, AND and GROUP BY', () => {
    expect(at('SELECT v FROM cpu WHERE ho|')).toMatchObject({ kind: 'tagKey', prefix: 'ho', metric: 'cpu' });
    expect(at("SELECT v FROM cpu WHERE host = 'a' AND |")).toMatchObject({ kind: 'tagKey', prefix: '' });
    expect(at('SELECT v FROM cpu GROUP BY time($__interval), reg|')).toMatchObject({ kind: 'tagKey', prefix: 'reg' });
  });

  it('completes tag values inside single quotes after a comparison', () => {
    expect(at('SELECT v FROM cpu WHERE "host" = \'we|')).toEqual({
      kind: 'tagValue',
      prefix: 'we',
      from: 34,
      metric: 'cpu',
      label: 'host',
    });
  });

  it('offers nothing after a comparison operator or outside a clause', () => {
    expect(at('SELECT v FROM cpu WHERE time > no|')).toBeNull();
    expect(at('sel|')).toBeNull();
  });

  it('reads the measurement from db.rp.measurement and quoted names', () => {
    expect(influxMeasurement('SELECT v FROM "db"."autogen"."cpu load" WHERE')).toBe('cpu load');
    expect(influxMeasurement('select v from telegraf.autogen.mem')).toBe('mem');
    expect(influxMeasurement('SHOW MEASUREMENTS')).toBeUndefined();
  });
});

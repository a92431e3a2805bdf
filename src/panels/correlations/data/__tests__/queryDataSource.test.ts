import { queryDataSource } from '../queryDataSource';

const ds = (uid: string) => ({ uid, type: 'seedlabs-anomalylens-datasource' });

describe('queryDataSource', () => {
  it('takes the data source of the query with the frame refId', () => {
    const targets = [
      { refId: 'A', datasource: ds('first') },
      { refId: 'B', datasource: ds('second') },
    ];
    expect(queryDataSource(targets, 'B')).toEqual(ds('second'));
  });

  it('falls back to the first query that names a uid', () => {
    const targets = [{ refId: 'A' }, { refId: 'B', datasource: ds('second') }];
    expect(queryDataSource(targets, 'Z')).toEqual(ds('second'));
    expect(queryDataSource(targets, undefined)).toEqual(ds('second'));
  });

  it('interpolates a templated uid', () => {
    const targets = [{ refId: 'A', datasource: ds('${ds}') }];
    expect(queryDataSource(targets, 'A', (t) => t.replace('${ds}', 'resolved'))).toEqual(ds('resolved'));
  });

  it('is undefined without any uid', () => {
    expect(queryDataSource(undefined, 'A')).toBeUndefined();
    expect(queryDataSource([{ refId: 'A' }], 'A')).toBeUndefined();
    expect(queryDataSource([{ refId: 'A', datasource: ds('${ds}') }], 'A', () => '')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { ConfigItem } from '../../schema/configItem.ts';
import type { HistoryEntry } from '../../schema/history.ts';
import { restoreAfterValues, type LaterValues } from '../../server/history/restoreAfterValues.ts';

const ci = (v: number): ConfigItem => ({ id: 'x', type: 'Component', name: 'x', attributes: { v } });
const entry = (seq: number, operation: HistoryEntry['operation'], before?: ConfigItem): HistoryEntry =>
  ({ seq, at: '2026-11-24T00:00:00.000Z', batchId: `b${seq}`, actor: 'a', source: 's', entity: 'ci', key: 'x', operation, ...(before ? { before } : {}) }) as HistoryEntry;

describe('restoreAfterValues', () => {
  it('takes the next entry of the page, else the next one stored, else the stored value', async () => {
    const page = [entry(1, 'created'), entry(2, 'changed', ci(1))];
    const stored: LaterValues = { nextBefore: async () => new Map(), findCIs: async () => [ci(2)], findRelationships: async () => [] };
    const restored = await restoreAfterValues(page, stored);
    expect(restored.map((e) => e.after)).toEqual([ci(1), ci(2)]);
    const later: LaterValues = { ...stored, nextBefore: async () => new Map([['x', ci(5)]]) };
    expect((await restoreAfterValues([entry(2, 'changed', ci(1))], later))[0]!.after).toEqual(ci(5));
  });

  it('a value stored by a write that landed while the page was read is not taken for the entry\'s', async () => {
    // Another process changes x (entry 7, before = v 3) between the first look for a later entry and the read of x.
    let looks = 0;
    const racing: LaterValues = {
      nextBefore: async () => (looks++ === 0 ? new Map() : new Map([['x', ci(3)]])),
      findCIs: async () => [ci(4)],
      findRelationships: async () => [],
    };
    const [restored] = await restoreAfterValues([entry(6, 'changed', ci(2))], racing);
    expect(restored!.after).toEqual(ci(3));
  });

  it('keeps values that entries of earlier versions stored, and gives withdrawals none', async () => {
    const old = { ...entry(1, 'created'), after: ci(9) } as HistoryEntry;
    const none: LaterValues = { nextBefore: async () => { throw new Error('not needed'); }, findCIs: async () => [], findRelationships: async () => [] };
    const restored = await restoreAfterValues([old, entry(2, 'withdrawn', ci(9))], none);
    expect(restored.map((e) => e.after)).toEqual([ci(9), undefined]);
  });
});

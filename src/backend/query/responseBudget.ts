/**
 * The byte limit of one QueryData answer (`maxQueryResponseBytes`, lowered by Grafana's `GF_RESPONSE_LIMIT`).
 * Queries are admitted in request order, whatever order they finish in, so the outcome does not depend on
 * timing: a query whose encoded frames fit in what the queries before it left is answered whole; one that does not
 * fit gets its own error naming the limit (never a truncated frame), and a later, smaller query may still fit.
 * A finished query that cannot fit even if nothing before it is admitted is dropped at once, so its frames are not
 * held. Error responses are always delivered and not counted (their text is short).
 */
import type { DataResponse } from '../server/protoTypes';
import { describeSetting, formatBytes, LimitSource } from '../settings/queryLimits';

interface Slot {
  refId: string;
  response?: DataResponse;
  /** Encoded frame bytes of a successful answer. */
  bytes: number;
  /** Dropped early: it cannot fit whatever comes before it. */
  dropped: boolean;
  /** Its encoding was stopped at `bytes`, past the ceiling: the whole would be larger still. */
  cut?: boolean;
}

export interface ResponseBudgetOptions {
  limitBytes: number;
  setting: LimitSource<'maxQueryResponseBytes'>;
}

/** Encoded bytes a DataResponse contributes to the answer: its frames. */
export function frameBytes(r: DataResponse): number {
  let bytes = 0;
  for (const f of r.frames ?? []) {
    bytes += f.byteLength;
  }
  return bytes;
}

export class ResponseBudget {
  private readonly slots: Slot[];
  private next = 0;
  private admittedBytes = 0;
  private readonly admittedRefIds: string[] = [];
  private readonly refused: string[] = [];

  constructor(
    refIds: readonly string[],
    private readonly options: ResponseBudgetOptions
  ) {
    this.slots = refIds.map((refId) => ({ refId, bytes: 0, dropped: false }));
  }

  /** Records the answer of query `index` (any order) and settles every query whose predecessors are all known. */
  settle(index: number, response: DataResponse): void {
    const slot = this.slots[index];
    slot.bytes = response.error ? 0 : frameBytes(response);
    if (slot.bytes > this.options.limitBytes - this.admittedBytes) {
      // Admitted bytes only grow, so this query can never fit: free its frames now.
      slot.dropped = true;
      slot.response = { ...response, frames: [] };
    } else {
      slot.response = response;
    }
    this.settleReady();
  }

  private settleReady(): void {
    while (this.next < this.slots.length && this.slots[this.next].response) {
      this.decide(this.slots[this.next]);
      this.next++;
    }
  }

  /**
   * The most bytes any query not yet decided can still be given: the limit less what was admitted (which only
   * grows). A query encoding its frames stops as soon as it passes this, so frames that cannot be answered are
   * never built whole (a 1.4 MB legend once built 491 MB of frames before the size check).
   */
  ceiling(): number {
    return this.options.limitBytes - this.admittedBytes;
  }

  /** Settles query `index` as too large: its encoding stopped after `bytesSoFar` bytes, over `ceiling()`. */
  settleOversize(index: number, bytesSoFar: number): void {
    const slot = this.slots[index];
    slot.cut = true;
    slot.bytes = bytesSoFar;
    slot.dropped = true;
    slot.response = { frames: [], status: 200 };
    this.settleReady();
  }

  /** The final answers in request order; call after every query has settled. */
  results(): DataResponse[] {
    if (this.next !== this.slots.length) {
      throw new Error('ResponseBudget.results called before every query settled');
    }
    return this.slots.map((s) => s.response!);
  }

  /** refIds answered with the response-size error. */
  refusedRefIds(): readonly string[] {
    return this.refused;
  }

  private decide(slot: Slot): void {
    const r = slot.response!;
    if (r.error) {
      return;
    }
    if (!slot.dropped && slot.bytes <= this.options.limitBytes - this.admittedBytes) {
      this.admittedBytes += slot.bytes;
      this.admittedRefIds.push(slot.refId);
      return;
    }
    this.refused.push(slot.refId);
    slot.response = { frames: [], error: this.message(slot), status: 422, errorSource: 'downstream' };
  }

  private message(slot: Slot): string {
    const { limitBytes, setting } = this.options;
    const before =
      this.admittedRefIds.length === 0
        ? ''
        : ` after ${this.admittedBytes} bytes for ${listRefIds(this.admittedRefIds)} earlier in the request`;
    const raise =
      setting === 'GF_RESPONSE_LIMIT'
        ? `Grafana's response_limit`
        : `maxQueryResponseBytes in the data source settings`;
    return (
      `query ${slot.refId}: not answered: its frames take ${slot.cut ? 'more than ' : ''}${slot.bytes} bytes` +
      `${before}, which exceeds the ` +
      `limit of ${formatBytes(limitBytes)} on the answer to one request (${describeSetting(setting)}). ` +
      `Narrow this query (fewer series, a shorter time range or a larger Min interval), move it to another ` +
      `panel, or raise ${raise}.`
    );
  }
}

function listRefIds(refIds: readonly string[]): string {
  const shown = refIds.slice(0, 5).join(', ');
  return refIds.length > 5 ? `${shown} and ${refIds.length - 5} more` : shown;
}

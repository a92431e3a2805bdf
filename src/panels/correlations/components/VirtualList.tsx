import React, { ReactNode, useState } from 'react';

interface Props {
  count: number;
  /** Every row has this height (px): positions are computed, never measured, so 10,000 rows cost nothing. */
  rowHeight: number;
  /** Visible height (px); the panel knows it, so no DOM measurement (works the same in jsdom and browsers). */
  height: number;
  /** Rows rendered above and below the visible ones so fast scrolling does not show blanks. Default 4. */
  overscan?: number;
  renderRow: (index: number) => ReactNode;
  rowKey: (index: number) => string;
  className?: string;
  testId?: string;
}

/**
 * A minimal fixed-row-height virtual list: a scrolling box whose inner height is `count × rowHeight`, rendering
 * only the rows in view. Our own: @grafana/ui 13 exposes no general virtual list, and react-window is not a
 * dependency of this plugin.
 */
export function VirtualList({ count, rowHeight, height, overscan = 4, renderRow, rowKey, className, testId }: Props) {
  const [scrollTop, setScrollTop] = useState(0);
  // After the rows shrink (filter) the browser clamps scrollTop; clamp here too so the window is never empty.
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight - height));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);
  const items: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    items.push(
      <div key={rowKey(i)} style={{ position: 'absolute', top: i * rowHeight, left: 0, right: 0, height: rowHeight }}>
        {renderRow(i)}
      </div>
    );
  }
  return (
    <div
      className={className}
      style={{ height, overflowY: 'auto', overflowX: 'hidden', position: 'relative' }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      data-testid={testId}
      role="list"
    >
      <div style={{ height: count * rowHeight, position: 'relative' }}>{items}</div>
    </div>
  );
}

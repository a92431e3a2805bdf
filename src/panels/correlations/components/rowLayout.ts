import { RowLayout } from './CorrelationRowView';

export const ROW_HEIGHT = 36;
const OVERLAY_WIDTH = 112;
const NARROW_OVERLAY_WIDTH = 96;

/**
 * Column widths for a panel `width` px wide. Series names get what is left and wrap onto two lines, so narrow
 * panels first drop the direction column (below 760 px; the score's sign and colour still say it), then narrow the
 * overlay (below 900 px) and drop it (below 440 px): at 600 px a `metric{label="value"}` name of ~50 characters
 * still shows whole.
 */
export function rowLayout(width: number, showOverlays: boolean): RowLayout {
  const overlayWidth = showOverlays && width >= 440 ? (width >= 900 ? OVERLAY_WIDTH : NARROW_OVERLAY_WIDTH) : 0;
  const showDirection = width >= 760;
  const columns = [
    '32px', // rank
    'minmax(60px, 1fr)', // series
    '80px', // score bar + number
    '96px', // lag
    showDirection ? '56px' : '',
    overlayWidth > 0 ? `${overlayWidth}px` : '',
    '44px', // Explore and "rank against this" links
  ]
    .filter(Boolean)
    .join(' ');
  return { columns, showDirection, overlayWidth, height: ROW_HEIGHT };
}

import { RowLayout } from './CorrelationRowView';

export const ROW_HEIGHT = 36;
const OVERLAY_WIDTH = 112;

/**
 * Column widths for a panel `width` px wide. Narrow panels drop the overlay (below 440 px) and the direction
 * column (below 360 px; the score's sign and colour still say it) so series names keep room.
 */
export function rowLayout(width: number, showOverlays: boolean): RowLayout {
  const overlayWidth = showOverlays && width >= 440 ? OVERLAY_WIDTH : 0;
  const showDirection = width >= 360;
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

import React, { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { QueryOptionsRow } from '../QueryOptionsRow';
import type { LensQuery } from '../../../shared/queryModel';
import { LEGEND_AUTO } from '../../../shared/legendAuto';
import { querySelectors as sel } from '../../components/selectors';

function renderRow(initial: LensQuery) {
  const latest = { current: initial };
  const onRunQuery = jest.fn();
  function Host() {
    const [q, setQ] = useState(initial);
    return (
      <QueryOptionsRow
        query={q}
        labelWidth={14}
        onRunQuery={onRunQuery}
        onChange={(next) => {
          latest.current = next;
          setQ(next);
        }}
      />
    );
  }
  render(<Host />);
  return { latest, onRunQuery };
}

const summary = () => screen.getByTestId(sel.optionsSummary).textContent;
const openRow = () => fireEvent.click(screen.getByText('Options'));

describe('QueryOptionsRow', () => {
  it('starts collapsed with a summary of its settings and opens on a click', () => {
    renderRow({ refId: 'A', legendFormat: LEGEND_AUTO, minStepMs: 15_000 });
    expect(summary()).toBe('Legend: AutoMin step: 15sFormat: Time seriesType: Range');
    expect(screen.queryByLabelText(sel.minStep)).not.toBeInTheDocument();
    openRow();
    expect(screen.getByLabelText(sel.minStep)).toHaveValue('15s');
  });

  it('shows a min step saved in milliseconds as a duration and stores a typed duration in milliseconds', () => {
    const { latest, onRunQuery } = renderRow({ refId: 'A', minStepMs: 60_000 });
    openRow();
    const field = screen.getByLabelText(sel.minStep);
    expect(field).toHaveValue('1m');
    fireEvent.change(field, { target: { value: '30s' } });
    expect(latest.current.minStepMs).toBe(30_000);
    expect(summary()).toContain('Min step: 30s');
    fireEvent.blur(field);
    expect(onRunQuery).toHaveBeenCalled();
    fireEvent.change(field, { target: { value: '' } });
    expect(latest.current.minStepMs).toBeUndefined();
    expect(summary()).toContain('Min step: auto');
  });

  it('marks an invalid min step once and keeps the last valid value', () => {
    const { latest } = renderRow({ refId: 'A', minStepMs: 15_000 });
    openRow();
    const field = screen.getByLabelText(sel.minStep);
    fireEvent.change(field, { target: { value: '15 sec' } });
    expect(field).toHaveValue('15 sec');
    expect(latest.current.minStepMs).toBe(15_000);
    expect(screen.getAllByText(/^Min step: .*not a duration/)).toHaveLength(1);
  });

  it('switches the legend between auto, verbose and a custom template', async () => {
    const { latest } = renderRow({ refId: 'A' });
    openRow();
    expect(summary()).toContain('Legend: Verbose');
    expect(screen.queryByLabelText(sel.legendFormat)).not.toBeInTheDocument();
    const pick = async (label: string) => {
      fireEvent.keyDown(screen.getByLabelText(sel.legend), { key: 'ArrowDown' });
      fireEvent.click(await screen.findByText(label));
    };
    await pick('Auto');
    expect(latest.current.legendFormat).toBe(LEGEND_AUTO);
    await pick('Custom');
    expect(latest.current.legendFormat).toBe('');
    fireEvent.change(screen.getByLabelText(sel.legendFormat), { target: { value: '{{service}}' } });
    expect(latest.current.legendFormat).toBe('{{service}}');
    expect(summary()).toContain('Legend: {{service}}');
    await pick('Verbose');
    expect(latest.current.legendFormat).toBeUndefined();
  });

  it('shows Format and Type fixed to what the data source answers', () => {
    renderRow({ refId: 'A' });
    openRow();
    for (const name of ['Time series', 'Range']) {
      expect(screen.getByLabelText(name)).toBeDisabled();
    }
  });
});

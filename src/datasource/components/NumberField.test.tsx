import React, { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { NumberField, shownNumber, storedNumber } from './NumberField';

const MIB = 1024 * 1024;

describe('shownNumber and storedNumber', () => {
  it('show a stored value in the shown unit with at most three decimals', () => {
    expect(shownNumber(52428800, MIB)).toBe('50');
    expect(shownNumber(1000000, MIB)).toBe('0.954');
    expect(shownNumber(undefined, MIB)).toBe('');
  });

  it('store typed text in stored units, whole when asked, and tell empty from unusable', () => {
    expect(storedNumber('1.5', MIB, true)).toBe(1572864);
    expect(storedNumber(' 2.5 ', 1)).toBe(2.5);
    expect(storedNumber('', MIB)).toBeUndefined();
    expect(storedNumber('0', 1)).toBeNull();
    expect(storedNumber('-2', 1)).toBeNull();
    expect(storedNumber('ten', 1)).toBeNull();
    // A whole-number setting never rounds a positive entry down to 0.
    expect(storedNumber('0.0000001', MIB, true)).toBe(1);
  });
});

describe('NumberField', () => {
  function Host({ initial }: { initial?: number }) {
    const [value, setValue] = useState<number | undefined>(initial);
    return (
      <>
        <NumberField
          id="n"
          label="Size"
          description="How big"
          defaultText="50 MiB"
          unit="MiB"
          scale={MIB}
          integer
          value={value}
          onChange={setValue}
        />
        <output data-testid="stored">{String(value)}</output>
      </>
    );
  }

  it('keeps the text being typed while the stored value follows each number', () => {
    render(<Host />);
    const input = screen.getByLabelText(/^Size/);
    fireEvent.change(input, { target: { value: '1.' } });
    expect(input).toHaveValue('1.');
    expect(screen.getByTestId('stored')).toHaveTextContent(String(MIB));
    fireEvent.change(input, { target: { value: '1.5' } });
    expect(screen.getByTestId('stored')).toHaveTextContent('1572864');
    fireEvent.blur(input);
    expect(input).toHaveValue('1.5');
  });

  it('says the default in its description and shows the unit', () => {
    render(<Host />);
    expect(screen.getByText('How big. Default: 50 MiB.')).toBeInTheDocument();
    expect(screen.getByText('MiB')).toBeInTheDocument();
  });

  it('goes back to the stored value when left with unusable text', () => {
    render(<Host initial={2 * MIB} />);
    const input = screen.getByLabelText(/^Size/);
    fireEvent.change(input, { target: { value: '-1' } });
    expect(screen.getByText(/Enter a number above 0/)).toBeInTheDocument();
    expect(screen.getByTestId('stored')).toHaveTextContent(String(2 * MIB));
    fireEvent.blur(input);
    expect(input).toHaveValue('2');
  });
});

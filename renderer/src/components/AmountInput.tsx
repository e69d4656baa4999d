import type { InputNumberProps } from 'antd';

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The props that make an antd InputNumber an amount field as the glossary writes amounts: ¥ before the
 * figure and thousands grouped (¥2,000,000.00, not 2000000.00 — seven zeros nobody counts right). While
 * the user types, the text stays as typed; digits with or without commas, ¥ or spaces are accepted.
 */
export const AMOUNT_INPUT: Pick<InputNumberProps<number>, 'precision' | 'prefix' | 'formatter' | 'parser'> = {
  precision: 2,
  prefix: '¥',
  formatter: (value, info) => {
    if (info.userTyping) return info.input;
    const text = value === undefined || value === null ? '' : String(value);
    if (text === '') return '';
    // A formatter replaces antd's own precision step, so the two decimals are written here.
    const fixed = Number.isFinite(Number(text)) ? Number(text).toFixed(2) : text;
    const [whole = '', fraction] = fixed.split('.');
    const sign = whole.startsWith('-') ? '-' : '';
    return `${sign}${grouped(whole.replace('-', ''))}${fraction === undefined ? '' : `.${fraction}`}`;
  },
  // antd's own example casts the cleaned text: an empty field must stay empty, not become 0.
  parser: (text) => (text ?? '').replace(/[¥,，\s]/g, '') as unknown as number,
};

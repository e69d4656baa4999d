import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SECONDARY_TEXT, STATUS_TEXT, SURFACES, TEXT_TOKENS, THEME_TOKENS } from '../../renderer/src/app/theme';

/**
 * antd's own token derivation, loaded untyped: its type declarations pull in the DOM library, which the
 * Node project (tsconfig.node.json) keeps out.
 */
const { theme } = createRequire(__filename)('antd') as { theme: { getDesignToken(config?: { token: object }): Record<string, string> } };

/** WCAG 2.1 relative luminance and contrast ratio (§1.4.3: 4.5:1 for normal text). */
function rgb(colour: string): [number, number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16)).concat(1) as [number, number, number, number];
  const fn = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(colour.replace(/\s+/g, ' '));
  if (!fn) throw new Error(`not a colour: ${colour}`);
  return [Number(fn[1]), Number(fn[2]), Number(fn[3]), fn[4] === undefined ? 1 : Number(fn[4])];
}
/** A translucent text colour as it shows over `background`. */
function over(colour: string, background: string): [number, number, number] {
  const [r, g, b, a] = rgb(colour);
  const [br, bg, bb] = rgb(background);
  return [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a)];
}
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(text: string, background: string): number {
  const [l1, l2] = [luminance(over(text, background)), luminance(over(background, '#ffffff'))].sort((a, b) => b - a) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

describe('secondary text is readable (issue 17: contrast ≥ 4.5:1)', () => {
  it('antd, given the app theme, draws every text token at 4.5:1 or more on every surface it sits on', () => {
    const tokens = theme.getDesignToken({ token: THEME_TOKENS });
    for (const name of TEXT_TOKENS) {
      for (const [surface, background] of Object.entries(SURFACES)) {
        expect(contrast(tokens[name]!, background), `${name} ${tokens[name]} on ${surface} ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    // The tokens antd uses for Typography secondary text and descriptions are ours, not its 45 % grey.
    expect(tokens.colorTextDescription).toBe(SECONDARY_TEXT);
    expect(tokens.colorTextTertiary).toBe(SECONDARY_TEXT);
  });

  it('warning, error and success text (the wizard\'s 未保存 note, 逾期, 已答复) and links read at 4.5:1 or more, not antd\'s bright status colours', () => {
    const tokens = theme.getDesignToken({ token: THEME_TOKENS });
    // What Typography type="warning" / "danger" / "success" and Typography.Link draw with (antd/es/typography/style).
    expect([tokens.colorWarningText, tokens.colorErrorText, tokens.colorSuccessText, tokens.colorLink]).toEqual([STATUS_TEXT.warning, STATUS_TEXT.error, STATUS_TEXT.success, STATUS_TEXT.link]);
    // Also on the tinted backgrounds of antd's Alert and Tag of the same status.
    const tinted = { warningBg: tokens.colorWarningBg!, errorBg: tokens.colorErrorBg!, successBg: tokens.colorSuccessBg!, infoBg: tokens.colorInfoBg! };
    for (const name of ['colorWarningText', 'colorErrorText', 'colorSuccessText', 'colorLink'] as const) {
      for (const [surface, background] of Object.entries({ ...SURFACES, ...tinted })) {
        expect(contrast(tokens[name]!, background), `${name} ${tokens[name]} on ${surface} ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('the check can fail: antd’s default description grey is below 4.5:1 on white', () => {
    const defaults = theme.getDesignToken();
    expect(contrast(defaults.colorTextDescription!, '#ffffff')).toBeLessThan(4.5);
    expect(contrast('#888888', '#ffffff')).toBeLessThan(4.5); // the heat map's and activity chart's old axis grey
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    // antd's own status text colours, which the theme replaces: about 2:1 for warning orange.
    expect(contrast(defaults.colorWarningText!, '#ffffff')).toBeLessThan(2.5);
    expect(contrast(defaults.colorErrorText!, '#ffffff')).toBeLessThan(4.5);
    expect(contrast(defaults.colorSuccessText!, '#ffffff')).toBeLessThan(4.5);
    expect(contrast(defaults.colorLink!, '#ffffff')).toBeLessThan(4.5);
  });
});

/**
 * The app's antd theme tokens. antd's defaults draw secondary and description text at 45 % black
 * (#8c8c8c on white: 3.4:1), below WCAG 2.1's 4.5:1 for body text (issue 17). Here every text colour
 * the app uses for secondary text is a solid colour that holds 4.5:1 on every surface it sits on
 * (test/unit/contrast.test.ts computes it).
 */
export const SECONDARY_TEXT = '#5c5c5c';

/** The surfaces text sits on: cards and inputs, the page (colorBgLayout), table headers. */
export const SURFACES = { container: '#ffffff', layout: '#f5f5f5', tableHeader: '#fafafa' } as const;

/**
 * Status text (Typography type="warning" / "danger" / "success", e.g. the wizard's 未保存 note) and links.
 * antd derives them from its bright status colours — orange #faad14 reads at 1.9:1 on white, red #ff4d4f at
 * 3.3:1, green #52c41a at 2.3:1, link blue #1677ff at 4.1:1 — so they are set here to the darker shades of
 * the same hues (antd's palette steps 7–8), each ≥ 4.5:1 on every surface. Icons and tags keep the bright ones.
 */
export const STATUS_TEXT = { warning: '#ad4e00', error: '#cf1322', success: '#237804', link: '#1f5fa8' } as const;

export const THEME_TOKENS = {
  colorPrimary: '#1f5fa8',
  colorWarningText: STATUS_TEXT.warning,
  colorErrorText: STATUS_TEXT.error,
  colorSuccessText: STATUS_TEXT.success,
  colorLink: STATUS_TEXT.link,
  colorInfoText: STATUS_TEXT.link,
  borderRadius: 6,
  colorBgContainer: SURFACES.container,
  colorBgLayout: SURFACES.layout,
  colorText: '#1f1f1f',
  // Typography type="secondary", Form extra, Empty and List descriptions, Statistic titles.
  colorTextSecondary: SECONDARY_TEXT,
  colorTextDescription: SECONDARY_TEXT,
  // Descriptions and Form labels' helpers, Steps descriptions, Table sorter hints.
  colorTextTertiary: SECONDARY_TEXT,
} as const;

/** The tokens whose text must read at 4.5:1, for the contrast test. */
export const TEXT_TOKENS = [
  'colorText', 'colorTextSecondary', 'colorTextDescription', 'colorTextTertiary', 'colorPrimary',
  'colorWarningText', 'colorErrorText', 'colorSuccessText', 'colorLink', 'colorInfoText',
] as const;

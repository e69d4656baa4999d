/**
 * A small, dependency-free passphrase strength estimate shared by the UI meter
 * and the core's minimum. It is deliberately conservative: it estimates bits
 * from length and character classes, then penalises repetition, sequences and
 * the most common passwords. The Argon2id cost, not this meter, is what makes
 * guessing slow; this only stops the obviously weak.
 */
export const MIN_PASSPHRASE_LENGTH = 10;
export const MIN_PASSPHRASE_SCORE = 2;

export type PassphraseScore = 0 | 1 | 2 | 3 | 4;

export interface PassphraseStrength {
  score: PassphraseScore;
  bits: number;
  /** i18n keys of hints, e.g. `passphrase.hint.tooShort`. */
  hints: string[];
}

const COMMON = [
  'password', 'passw0rd', '123456', 'qwerty', 'letmein', 'welcome', 'admin', 'iloveyou',
  'abc123', 'woaini', 'monkey', 'dragon', 'football', 'baseball', 'master', 'sunshine',
];

function classPool(pass: string): number {
  let pool = 0;
  if (/[a-z]/.test(pass)) pool += 26;
  if (/[A-Z]/.test(pass)) pool += 26;
  if (/[0-9]/.test(pass)) pool += 10;
  if (/[^a-zA-Z0-9\s\u0080-\uFFFF]/.test(pass)) pool += 33;
  if (/\s/.test(pass)) pool += 1;
  // CJK and other non-ASCII characters come from a very large alphabet.
  if (/[\u0080-\uFFFF]/.test(pass)) pool += 2000;
  return Math.max(pool, 1);
}

/** Characters that merely continue a run or a sequence add almost nothing. */
function effectiveLength(pass: string): number {
  const chars = Array.from(pass);
  let effective = 0;
  for (let i = 0; i < chars.length; i++) {
    const cur = chars[i]!.codePointAt(0)!;
    const prev = i > 0 ? chars[i - 1]!.codePointAt(0)! : NaN;
    if (cur === prev || Math.abs(cur - prev) === 1) effective += 0.25;
    else effective += 1;
  }
  return effective;
}

export function estimatePassphrase(pass: string): PassphraseStrength {
  const hints: string[] = [];
  const length = Array.from(pass).length;
  // A common password inside the phrase counts as one guessable word (~8 bits), not its letters.
  let rest = pass.toLowerCase();
  let commonBits = 0;
  for (const c of COMMON) {
    while (rest.includes(c)) {
      rest = rest.replace(c, ' ');
      commonBits += 8;
    }
  }
  let bits = effectiveLength(rest.trim()) * Math.log2(classPool(pass)) + commonBits;
  if (commonBits > 0 && rest.trim().length < 6) hints.push('passphrase.hint.common');
  if (new Set(Array.from(pass)).size <= Math.max(2, length / 4)) {
    bits = Math.min(bits, 25);
    hints.push('passphrase.hint.repeated');
  }
  if (length < MIN_PASSPHRASE_LENGTH) hints.push('passphrase.hint.tooShort');
  let score: PassphraseScore;
  if (bits < 28) score = 0;
  else if (bits < 45) score = 1;
  else if (bits < 60) score = 2;
  else if (bits < 80) score = 3;
  else score = 4;
  if (length < MIN_PASSPHRASE_LENGTH && score > 1) score = 1;
  if (score < MIN_PASSPHRASE_SCORE && hints.length === 0) hints.push('passphrase.hint.addWords');
  return { score, bits: Math.round(bits), hints };
}

export function isAcceptablePassphrase(pass: string): boolean {
  return estimatePassphrase(pass).score >= MIN_PASSPHRASE_SCORE;
}

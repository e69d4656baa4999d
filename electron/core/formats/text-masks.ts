/**
 * How a masked phone, e-mail or address reads: pure text rules shared by client views (clients/mask.ts)
 * and audit views and exports (audit/masked-texts.ts). Phones keep the first three and last four digits
 * of the national number (`138****8000`), e-mails the first character and the domain (`z***@163.com`),
 * addresses their first few characters.
 */
export function maskPhone(phone: string): string {
  const national = phone.replace(/^\+86/, '').replace(/^\+\d{1,3}(?=\d{8})/, '');
  const digits = national.replace(/\D/g, '');
  if (digits.length >= 8) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(digits.length - 2, 2))}${digits.slice(-2)}`;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskAddress(address: string): string {
  if (!address) return '';
  const chars = [...address];
  return `${chars.slice(0, Math.min(6, Math.ceil(chars.length / 3))).join('')}****`;
}

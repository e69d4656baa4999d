import type { TFunction } from 'i18next';
import { BUILTIN_ROLES } from '../../../../shared/contract';

/** Built-in roles are translated; custom ones show their display name (or id). */
export function roleLabel(t: TFunction, role: { name: string; label?: string } | string, label?: string): string {
  const name = typeof role === 'string' ? role : role.name;
  const own = typeof role === 'string' ? label : role.label;
  if (own) return own;
  return (BUILTIN_ROLES as readonly string[]).includes(name) ? t(`roles.${name}`) : name;
}

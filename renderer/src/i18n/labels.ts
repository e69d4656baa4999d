import type { TFunction } from 'i18next';

/** i18next splits keys at dots; names that contain dots (actions, permissions) are looked up with another separator. */
export function dotted(t: TFunction, group: 'actions' | 'permissions', name: string): string {
  return t(`${group}|${name}`, { keySeparator: '|', defaultValue: name }) as string;
}

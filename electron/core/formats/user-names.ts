/**
 * The one normalisation for user names wherever two are compared: Unicode
 * NFC, trimmed, case-folded (so `Élise` and `élise` are the same name and can
 * never be two users). A name is bound to its slot by slot id, not by this.
 */
export function foldUserName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase().normalize('NFC');
}

/** How a name is stored and shown: NFC, trimmed. */
export function displayUserName(name: string): string {
  return name.normalize('NFC').trim();
}

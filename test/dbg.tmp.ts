import { makeCore } from './helpers/core';
import { ADMIN, STAFF } from './helpers/temp';
import { addUser } from '../electron/core/services/users';
(async () => {
  const h = makeCore();
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });

  try { console.log(await addUser(h.core.openVaultForTests!, { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase }, () => new Date())); }
  catch (e) { console.log('ERR', e); }
  h.core.dispose();
})();

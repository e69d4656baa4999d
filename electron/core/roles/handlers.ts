import type { Handlers } from '../router';
import type { SessionContext } from '../session-context';
import { deleteRole, listRoles, saveRole, setUserRole, setUserScope } from './service';

/** The roles channels, and a user's role and scope, -> functions (issue 18). */
export function roleHandlers(ctx: SessionContext): Pick<Handlers, 'roles.list' | 'roles.save' | 'roles.delete' | 'users.setRole' | 'users.setScope'> {
  const { now } = ctx;
  return {
    'roles.list': () => listRoles(ctx.requireVault()),
    'roles.save': (input) => saveRole(ctx.requireVault(), input, now),
    'roles.delete': ({ name }) => deleteRole(ctx.requireVault(), name, now),
    'users.setRole': ({ userId, role }) => setUserRole(ctx.requireVault(), userId, role, now),
    'users.setScope': ({ userId, scope }) => setUserScope(ctx.requireVault(), userId, scope, now),
  };
}

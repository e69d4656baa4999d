import { App } from 'antd';
import { createContext, useContext } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput, HandoverDetail } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { describeError } from '../../components/ErrorAlert';
import { useAppStore } from '../../app/store';

export interface HandoverCtx {
  h: HandoverDetail;
  set(h: HandoverDetail): void;
  reload(): Promise<void>;
}

export const HandoverContext = createContext<HandoverCtx | null>(null);

/** The open handover, what the user may do with it, and one way to call the core that reports errors. */
export function useHandover() {
  const ctx = useContext(HandoverContext)!;
  const { message } = App.useApp();
  const perms = useAppStore((s) => s.info?.user?.permissions ?? []);
  const isAdmin = useAppStore((s) => s.info?.user?.role === 'admin');
  const me = useAppStore((s) => s.info?.user?.name ?? '');
  const open = ctx.h.status !== 'closed';
  const planOpen = open && ctx.h.status !== 'exported' && ctx.h.status !== 'acknowledged';
  /** Call a channel; a detail answer replaces the view; errors become a translated message. */
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>, done?: string): Promise<ChannelOutput<C> | null> => {
    try {
      const out = await api(channel, input);
      if (out && typeof out === 'object' && 'gates' in out && 'ref' in out) ctx.set(out as HandoverDetail);
      if (done) void message.success(done);
      return out;
    } catch (err) {
      void message.error(describeError(err));
      return null;
    }
  };
  return {
    ...ctx,
    call,
    canPlan: perms.includes('handover.plan') && planOpen,
    canRecord: perms.includes('clients.edit') && open,
    /** Four eyes: not the submitter, and not twice. */
    canApprove: perms.includes('handover.approve') && planOpen && ctx.h.submittedBy !== me && !ctx.h.approvals.some((a) => a.user === me && !a.voidedAt),
    /** 驳回: any approver but the submitter, while the round is open. */
    canReject: perms.includes('handover.approve') && planOpen && ctx.h.submittedBy !== null && ctx.h.submittedBy !== me,
    canExport: perms.includes('packages.export') && planOpen,
    canBackup: perms.includes('vault.backup') && open,
    canEditOpen: perms.includes('handover.plan') && open,
    isAdmin,
    planOpen,
  };
}

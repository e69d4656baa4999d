import type { HandoverDetail, Language } from '../../../shared/contract';
import { CLI_TEXT, type CliTextKey } from '../../../shared/i18n/cli-text';
import { HANDOVER_STATUS_LABELS } from '../../../shared/i18n/domain-labels';
import { say, when } from '../text';

/**
 * One handover as `handover handover show` (and each step's answer) prints it, in the CLI's language: its
 * status in words, notices, checklist, approvals and each export condition (导出前置条件) with what is
 * missing as the app's sentence, not a problem code. `--json` prints the detail as the contract has it.
 */
function gateLines(l: Language, h: HandoverDetail): string[] {
  return h.gates.map((g) => {
    const problems = g.problems.map((p) => {
      const key = `gateProblem.${p.code}`;
      if (!Object.hasOwn(CLI_TEXT, key)) return `${p.code} ${JSON.stringify(p.values)}`;
      return say(l, key as CliTextKey, p.values);
    });
    const overridden = g.overridden ? say(l, 'handover.overridden', { by: g.overridden.by, reason: g.overridden.reason }) : '';
    const colon = l === 'zh-CN' ? '：' : ': ';
    return `  [${g.ok ? 'x' : ' '}] ${say(l, `gate.${g.gate}`)}${overridden}${g.ok ? '' : `${colon}${problems.join(l === 'zh-CN' ? '' : ' ')}`}`;
  });
}

export function showHandover(l: Language, h: HandoverDetail): string {
  const n = (v: number) => v.toLocaleString(l);
  const done = h.checklist.filter((c) => c.status !== 'open').length;
  return [
    say(l, 'handover.head', { ref: h.ref, title: h.title, status: HANDOVER_STATUS_LABELS[h.status][l] }),
    say(l, 'handover.buyer', { name: h.buyer.name, overseas: h.buyer.overseas ? say(l, 'handover.overseas') : '', included: n(h.included), excluded: n(h.excluded) }),
    say(l, 'handover.notices', {
      sent: n(h.notices.sent), acknowledged: n(h.notices.acknowledged), objected: n(h.notices.objected), unanswered: n(h.notices.unanswered),
      deadline: h.notices.deadline ?? say(l, 'handover.noDeadline'),
    }),
    say(l, 'handover.checklist', { done: n(done), total: n(h.checklist.length), risks: n(h.risks.length), ndas: n(h.ndas.length) }),
    say(l, 'handover.approvals', { users: h.approvals.filter((a) => !a.voidedAt).map((a) => a.user).join(l === 'zh-CN' ? '、' : ', ') || say(l, 'handover.noApprovals') }),
    ...h.rejections.slice(-1).map((r) => say(l, 'handover.rejected', { user: r.user, at: when(l, r.at), reason: r.reason })),
    ...(h.package ? [say(l, 'handover.package', { file: h.package.file, id: h.package.packageId, alg: h.package.checksumAlg, checksum: h.package.checksum })] : []),
    ...(h.receipt ? [say(l, 'handover.receipt', { by: h.receipt.receivedBy, at: when(l, h.receipt.receivedAt) })] : []),
    say(l, 'handover.gates'), ...gateLines(l, h),
  ].join('\n');
}

/** A step's answer: what it did, then the handover as it now stands. */
export const detailResult = (l: Language, h: HandoverDetail, line: string) => ({ human: `${line}\n${showHandover(l, h)}`, json: h });

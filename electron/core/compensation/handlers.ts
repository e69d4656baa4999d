import { pickedIds, type Handlers } from '../router';
import { recordOffers } from './bulk';
import type { SessionContext } from '../session-context';
import { fairness, listProposals, proposalDetail, setException } from './proposals';
import { evaluation, overduePromises, receivedCommitments, recordAgreement, recordNegotiation, recordPayment } from './records';
import { computeProposals, previewStandard, setStandard, standardView } from './standard';

/** The compensation channels -> service functions (issue 19). */
export function compensationHandlers(ctx: SessionContext): Pick<Handlers, Extract<keyof Handlers, `compensation.${string}`>> {
  const { now } = ctx;
  const v = () => ctx.requireVault();
  return {
    'compensation.standard': ({ handoverId, kind }) => standardView(v(), handoverId, kind),
    'compensation.previewStandard': ({ handoverId, kind, standard }) => previewStandard(v(), handoverId, kind, standard, now),
    'compensation.setStandard': ({ handoverId, kind, standard }) => setStandard(v(), handoverId, kind, standard, now),
    'compensation.compute': ({ handoverId, kind }) => computeProposals(v(), handoverId, kind, now),
    'compensation.list': (q) => listProposals(v(), q, now),
    'compensation.proposal': ({ handoverId, proposalId }) => proposalDetail(v(), handoverId, proposalId, now),
    'compensation.fairness': ({ handoverId, kind }) => fairness(v(), handoverId, kind, now),
    'compensation.setException': ({ handoverId, proposalId, amountFen, method, reason }) => setException(v(), handoverId, proposalId, amountFen, method, reason, now),
    'compensation.recordNegotiation': ({ handoverId, proposalId, ...n }) => recordNegotiation(v(), handoverId, proposalId, n, now),
    'compensation.recordOffers': ({ handoverId, proposalIds, ...o }) => recordOffers(v(), handoverId, pickedIds(proposalIds), o, now),
    'compensation.recordAgreement': ({ handoverId, proposalId, ...a }) => recordAgreement(v(), handoverId, proposalId, a, now),
    'compensation.recordPayment': ({ handoverId, proposalId, ...p }) => recordPayment(v(), handoverId, proposalId, p, now),
    'compensation.overdue': ({ limit }) => overduePromises(v(), limit, now),
    'compensation.evaluation': ({ handoverId }) => evaluation(v(), handoverId),
    'compensation.received': ({ clientId }) => receivedCommitments(v(), clientId, now),
  };
}

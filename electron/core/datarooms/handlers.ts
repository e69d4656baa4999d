import { resolve } from 'node:path';
import { pickedIds, type Handlers } from '../router';
import type { SessionContext } from '../session-context';
import { accessOf } from '../roles/authz';
import { questionClientsVisibleSql } from '../roles/scope-read-model';
import { reportAsSeenBy, requireWholeReport } from './report-read-model';
import {
  answerQuestion, askQuestion, checkEndPassphrase, extendSession, listQuestions, listSessions, recordRefusal, sessionClient, sessionDocument, sessionInfo, sessionPage, sessionReport, sessionSearch, startSession,
  writeSessionReport,
} from './session';

/**
 * The data-room channels: the facilitator's (start, list, report, answer) and
 * the reviewer's, which answer only inside the running session.
 */
export function dataroomHandlers(ctx: SessionContext): Pick<Handlers, Extract<keyof Handlers, `dataroom.${string}`>> {
  const { now } = ctx;
  const v = () => ctx.requireVault();
  const session = () => ctx.requireDataroom();
  return {
    'dataroom.start': async (input) => {
      const s = await startSession(v(), { ...input, clientIds: pickedIds(input.clientIds) }, now);
      ctx.beginDataroom(s);
      return sessionInfo(s, now);
    },
    // Sessions on handovers the caller cannot see are left out by the router (the channel's declared rows).
    'dataroom.list': ({ handoverId }) => listSessions(v().db, handoverId),
    'dataroom.report': ({ id }) => {
      const vault = v();
      return reportAsSeenBy(vault.db, accessOf(vault), sessionReport(vault.db, id).report).report;
    },
    'dataroom.exportReport': async ({ id }) => {
      const vault = v();
      requireWholeReport(vault.db, accessOf(vault), sessionReport(vault.db, id).report);
      const dir = await ctx.platform.chooseFolder('dataroom-report');
      if (!dir) return { path: null };
      return { path: writeSessionReport(vault, id, resolve(dir), now) };
    },
    'dataroom.allQuestions': ({ handoverId }) => {
      const vault = v();
      return listQuestions(vault.db, handoverId, undefined, questionClientsVisibleSql(accessOf(vault)));
    },
    'dataroom.answer': ({ id, answer }) => {
      const vault = v();
      const handoverId = answerQuestion(vault, id, answer, now);
      return listQuestions(vault.db, handoverId, undefined, questionClientsVisibleSql(accessOf(vault)));
    },
    'dataroom.info': () => sessionInfo(session().s, now),
    'dataroom.search': (q) => {
      const { vault, s } = session();
      return sessionSearch(vault, s, q, now);
    },
    'dataroom.client': ({ id }) => {
      const { vault, s } = session();
      return sessionClient(vault, s, id, now);
    },
    'dataroom.document': ({ id }) => {
      const { vault, s } = session();
      return sessionDocument(vault, s, id, now);
    },
    'dataroom.page': ({ id, page }) => {
      const { vault, s } = session();
      sessionPage(vault, s, id, page, now);
      return {};
    },
    'dataroom.ask': (q) => {
      const { vault, s } = session();
      return askQuestion(vault, s, q, now);
    },
    'dataroom.questions': () => {
      const { vault, s } = session();
      return listQuestions(vault.db, s.handoverId, s.clientIds);
    },
    'dataroom.refused': ({ what }) => {
      const { vault, s } = session();
      recordRefusal(vault, s, what, now);
      return {};
    },
    'dataroom.extend': async ({ minutes, passphrase }) => {
      const { vault, s } = session();
      await extendSession(vault, s, minutes, passphrase, now);
      return sessionInfo(s, now);
    },
    'dataroom.end': async ({ passphrase }) => {
      const { vault, s } = session();
      await checkEndPassphrase(vault, s, passphrase, now);
      ctx.lock('dataroom-ended');
      return {};
    },
  };
}

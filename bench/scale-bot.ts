/**
 * The bot side of the scale benchmark's answers, in a process of its own (bench/scale-answers.ts forks it),
 * so that what it reports is the bot's own: its peak RSS with nothing else in the process (the load
 * generator and the benchmark's earlier sizes live in the parent), and its CPU time.
 *
 * `duebot`: duebot's Slack app as `duebot start` serves it in HTTP mode: the bot's pool of 10 connections,
 * acknowledge first and work after, claims telling the scheduled posts (the digest redrawn after them).
 * `floor`: the transport floor, the same Bolt app from the same options (adapters/slack/app.ts
 * createBoltApp: the same guarded HTTP receiver, routes, bot ids, client) whose handlers acknowledge and
 * post a fixed reply to the response_url the way duebot posts its answers (deliver.ts postToResponseUrl).
 *
 * Protocol over the IPC channel: the parent sends the plan; the bot answers `{ port }` once it listens;
 * on `stop` it answers with its peak RSS and CPU seconds, stops and exits.
 */
import type { RespondArguments } from '@slack/bolt';
import { createBoltApp, createSlackApp, type SlackAppOptions } from '../adapters/slack/app.ts';
import { postToResponseUrl } from '../adapters/slack/deliver.ts';
import { createFixedClock } from '../src/clock.ts';
import type { DispatchContext } from '../src/commands/dispatch.ts';
import { loadConfig } from '../src/config.ts';
import { knexForPostgres } from '../src/db.ts';
import { createJobs } from '../src/jobs/registry.ts';
import { createScheduledPosts } from '../src/jobs/service.ts';
import { createLogger } from '../src/log.ts';
import { buildPolicy } from '../src/policy.ts';

/** What the parent hands the bot. */
export interface BotPlan {
  mode: 'duebot' | 'floor';
  /** The bot database. */
  url: string;
  /** The fake Slack's Web API. */
  slackUrl: string;
  secret: string;
  /** The settings the benchmark runs under (DUEBOT_TODAY and the rest). */
  settings: Record<string, string>;
  /** The clock's instant (ISO). */
  now: string;
  /** The port to listen on (0: any; duebot takes the floor's). */
  port: number;
}

/** What the bot reports when stopped. */
export interface BotReport {
  peakRss: number;
  cpuSeconds: number;
}

/** The bot's pool, as `duebot start` opens it (src/db.ts: 10 connections) and the Slack benchmark. */
const POOL = 10;

async function serve(plan: BotPlan): Promise<{ port: number; stop: () => Promise<void> }> {
  const loaded = loadConfig(plan.settings);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const config = loaded.config;
  const policy = await buildPolicy(config);
  const clock = createFixedClock(plan.now, config.timeZone);
  const log = createLogger({ level: 'silent', format: 'json' });
  const db = knexForPostgres(plan.url, { min: 0, max: POOL });
  // Claims tell the scheduled posts, which redraw today's digest (as `duebot start` wires them).
  const posts = createScheduledPosts({ db, clock, config, policy, log, jobs: createJobs(config) }, []);
  const ctx: DispatchContext = {
    db,
    clock,
    policy,
    pageSize: config.pageSize,
    onWorklistChanged: () => posts.worklistChanged(),
  };
  const options: SlackAppOptions = {
    ctx,
    config: {
      botToken: 'xoxb-bench',
      signingSecret: plan.secret,
      appToken: undefined,
      apiUrl: `${plan.slackUrl}/api/`,
      port: 0,
      channel: 'CWORK',
      managers: [],
      viewers: [],
    },
    log,
    botId: 'BBOT',
    botUserId: 'UBOT',
    // Production HTTP mode: acknowledge first, work after.
    processBeforeResponse: false,
  };
  let app;
  if (plan.mode === 'duebot') app = createSlackApp(options).app;
  else {
    app = createBoltApp(options).app;
    const fixed: RespondArguments = { response_type: 'ephemeral', text: 'fixed reply' };
    app.command('/overdue', async ({ command, ack }) => {
      await ack();
      await postToResponseUrl(command.response_url, fixed);
    });
    app.action(/.*/, async ({ body, ack }) => {
      await ack();
      if ('response_url' in body && typeof body.response_url === 'string')
        await postToResponseUrl(body.response_url, fixed);
    });
  }
  const server = (await app.start({ port: plan.port, host: '127.0.0.1' })) as unknown as {
    address(): { port: number };
  };
  return {
    port: server.address().port,
    stop: async () => {
      await app.stop();
      await posts.stop();
      await db.destroy();
    },
  };
}

if (process.send) {
  const send = process.send.bind(process);
  process.once('message', (plan: BotPlan) => {
    serve(plan)
      .then(({ port, stop }) => {
        send({ port });
        process.once('message', () => {
          const usage = process.resourceUsage();
          const report: BotReport = {
            // maxRSS is in kilobytes: the process's peak resident set (VmHWM on Linux).
            peakRss: usage.maxRSS * 1024,
            cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
          };
          send(report, () => {
            stop().finally(() => process.exit(0));
          });
        });
      })
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  });
}

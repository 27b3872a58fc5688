import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPglite, knexForPglite, knexForPostgres, migrate } from '../../src/db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

/** Migrates one template database per engine per run; tests clone it instead of migrating again. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'duebot-test-'));
  const pglite = await createPglite();
  const templateKnex = await knexForPglite(pglite);
  await migrate(templateKnex);
  const dump = await pglite.dumpDataDir('none');
  const templatePath = join(dir, 'template.tar');
  await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
  await templateKnex.destroy();
  project.provide('pgliteTemplate', templatePath);

  const url = process.env.TEST_DATABASE_URL;
  let templateName: string | null = null;
  if (url) {
    templateName = `duebot_template_${process.pid}`;
    const admin = knexForPostgres(url, { min: 0, max: 1 });
    await admin.raw(`DROP DATABASE IF EXISTS ${templateName}`);
    await admin.raw(`CREATE DATABASE ${templateName}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${templateName}`;
    const template = knexForPostgres(templateUrl.toString(), { min: 0, max: 1 });
    await migrate(template);
    await template.destroy();
    await admin.destroy();
  }
  project.provide('postgresTemplate', templateName);

  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (url && templateName) {
      const admin = knexForPostgres(url, { min: 0, max: 1 });
      await admin.raw(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
      await admin.destroy();
    }
  };
}

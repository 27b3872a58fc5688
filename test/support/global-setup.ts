import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPglite, knexForPglite, knexForPostgres, migrate } from '../../src/db.ts';
import { readTemplate } from '../../src/embedded/template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

/**
 * Migrates one template database per engine per run; tests clone it instead of migrating again. The
 * PGlite one starts from the install's empty cluster (the `embedded-template` postinstall) instead of its
 * own initdb, and both engines migrate at the same time (the server's work is mostly its own disk).
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'duebot-test-'));
  const templatePath = join(dir, 'template.tar');
  const pgliteTemplate = async () => {
    const pglite = await createPglite(undefined, await readTemplate());
    const templateKnex = await knexForPglite(pglite);
    await migrate(templateKnex);
    const dump = await pglite.dumpDataDir('none');
    await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
    await templateKnex.destroy();
  };

  const url = process.env.TEST_DATABASE_URL;
  const templateName = url ? `duebot_template_${process.pid}` : null;
  const postgresTemplate = async () => {
    if (!url || !templateName) return;
    const admin = knexForPostgres(url, { min: 0, max: 1 });
    await admin.raw(`DROP DATABASE IF EXISTS ${templateName}`);
    await admin.raw(`CREATE DATABASE ${templateName}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${templateName}`;
    const template = knexForPostgres(templateUrl.toString(), { min: 0, max: 1 });
    await migrate(template);
    await template.destroy();
    await admin.destroy();
  };
  await Promise.all([pgliteTemplate(), postgresTemplate()]);
  project.provide('pgliteTemplate', templatePath);
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

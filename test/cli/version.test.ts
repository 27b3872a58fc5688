import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ledgerLabel } from '../../src/ledger/configured.ts';
import { runDuebot } from '../support/cli.ts';

describe('duebot --version', { timeout: 60_000 }, () => {
  it("prints package.json's version and nothing else, without opening a database", async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const { code, stdout, stderr } = await runDuebot([flag], { env: { DUEBOT_DATA_DIR: '/proc/nope' } });
      expect(code).toBe(0);
      expect(stdout).toBe(`${version}\n`);
      expect(stderr).toBe('');
    }
  });
});

describe('the ledger in the start-up summary', () => {
  it('says which ledger, never "ledger ledger", and shows no password', () => {
    expect(ledgerLabel(undefined)).toBe('demo ledger');
    expect(ledgerLabel('mysql://ro:hunter2@erp.acme.local:3306/erp')).toBe(
      'ledger at erp.acme.local:3306/erp',
    );
    expect(ledgerLabel('postgres://reader@10.0.0.5/')).toBe('ledger at 10.0.0.5');
    expect(ledgerLabel('not a url')).toBe('ledger');
  });
});

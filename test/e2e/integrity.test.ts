import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { browserUnavailable, openConsole, useConsoleSession } from './support/console.js';
import { expectAttribute, expectContainsText, expectCount } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the integrity e2e test: ${skip}`);

describe.skipIf(!!skip)('the journal integrity panel in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-integrity-', {}, undefined, { width: 1280, height: 720 });

  it('verifies the chain on demand, names the event once a row is changed, and backs up on demand', async () => {
    const { page } = s.browser;
    await openConsole(page, s.host.url);
    await page.keyboard.press('j');
    const panel = page.getByRole('region', { name: 'Journal integrity' });
    await page.locator('#integrity-verify').click();
    const verdict = panel.locator('.integrity-verdict');
    await expectAttribute(verdict, 'data-verdict', 'holds');
    await expectContainsText(verdict, 'The chain holds');

    await page.locator('#integrity-backup').click();
    await expectCount(panel.locator('.integrity-backups li'), 1);
    await page.screenshot({ path: path.join('test-results', 'integrity-1280x720.png') });

    // One byte of one committed row changed behind the console's back.
    const db = new Database(path.join(s.dataDir, 'journal.sqlite'));
    db.pragma('busy_timeout = 5000');
    db.prepare("UPDATE events SET body = replace(body, '\"callsign\":\"', '\"callsign\":\"X') WHERE seq = 3").run();
    db.close();
    await page.locator('#integrity-verify').click();
    await expectAttribute(verdict, 'data-verdict', 'broken');
    await expectContainsText(verdict, 'broken at event 3');
    expect(await verdict.getAttribute('role')).toBe('alert');

    await page.keyboard.press('Escape');
    await expectCount(panel, 0);
  });
});

/**
 * Offline-tolerant sessions, end to end in Chromium: McLeod goes away mid-session, the rep
 * keeps logging with the keyboard, the status line says what is happening, and when McLeod
 * comes back everything arrives once without a click. Then an outcome McLeod refuses for
 * good: it waits under "needs attention" with McLeod's own words until the rep fixes and
 * resends it. Every claim is read back from McLeod through a client of the test's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProspectAction } from '../../electron/mcleod/types';
import { defaultTemplates } from '../../electron/outcomes/templates';
import {
  currentProspectId,
  signIn,
  signedInChecker,
  startE2e,
  startFirstProfileWith,
  waitForCardToLeave,
  type E2eWorld,
} from './support';

let world: E2eWorld;

beforeAll(async () => {
  world = await startE2e({ shots: 'offline' });
});

afterAll(async () => {
  await world?.close();
});

/** Actions in `history` whose remarks carry `notes`, the test's unique mark for one call. */
function withNotes(history: ProspectAction[], notes: string): ProspectAction[] {
  return history.filter((action) => action.remarks?.includes(notes));
}

/** Writes notes on the card and logs the template on `key` with Alt from inside the notes. */
async function logWithNotes(key: string, notes: string): Promise<string> {
  const { page } = world;
  const prospectId = await currentProspectId(page);

  await page.keyboard.press('n');
  await page.keyboard.type(notes);
  await page.keyboard.press(`Alt+${key}`);
  await waitForCardToLeave(page, prospectId);

  return prospectId;
}

describe('a calling session that loses McLeod', () => {
  it('keeps outcomes logged offline and sends each once McLeod answers, untouched', async () => {
    const { page } = world;
    const stamp = Date.now().toString(36);

    await page.goto(world.bridge.url);
    await signIn(page, world.server);
    await startFirstProfileWith(page, 5);
    // The prefetcher keeps the next cards in the local store while the rep reads this one.
    await page.waitForTimeout(1_500);
    await world.shoot('1-online');

    await world.stopSim();

    const logged: { prospectId: string; key: string; notes: string }[] = [];

    for (const key of ['1', '2', '3']) {
      const notes = `offline call ${key} ${stamp}`;
      const prospectId = await logWithNotes(key, notes);

      logged.push({ prospectId, key, notes });
      // The next card still shows: it came from the cache, not from McLeod.
      await expect(page.locator('.prospect-card').count()).resolves.toBe(1);
    }

    expect(new Set(logged.map((entry) => entry.prospectId)).size).toBe(3);
    await expect
      .poll(() => page.getByTestId('status-connection').getAttribute('data-state'))
      .toBe('offline');
    await expect
      .poll(() => page.getByTestId('status-waiting').textContent())
      .toMatch(/^\s*3 waiting/);
    await world.shoot('2-offline-three-waiting');

    await world.restartSim();

    // Nothing is clicked from here on: the core notices McLeod is back and sends.
    await expect
      .poll(() => page.getByTestId('status-waiting').textContent(), { timeout: 40_000 })
      .toMatch(/^\s*0 waiting/);
    await expect
      .poll(() => page.getByTestId('status-connection').getAttribute('data-state'), {
        timeout: 10_000,
      })
      .toBe('online');
    await expect(page.getByTestId('status-attention').count()).resolves.toBe(0);
    await world.shoot('3-back-online-all-sent');

    const checker = await signedInChecker(world.server);

    for (const entry of logged) {
      const template = defaultTemplates.find((candidate) => candidate.key === entry.key)!;
      const ours = withNotes(await checker.api.prospectHistory(entry.prospectId), entry.notes);

      expect(ours, `one action for ${entry.prospectId}`).toHaveLength(1);
      expect(ours[0]!.activityId).toBe(template.activityId);
      expect(ours[0]!.remarks).toBe(`${template.remarks} - ${entry.notes}`);
    }
    await checker.close();
  });

  it('shows an outcome McLeod refuses as needing attention, sent once after a fix', async () => {
    const { page } = world;
    const notes = `refused then fixed ${Date.now().toString(36)}`;

    if (!world.sim) await world.restartSim();
    await expect(page.locator('.prospect-card').count()).resolves.toBe(1);

    // The rep maps "No answer" onto a code this company does not have.
    await page.keyboard.press(',');
    await page.getByTestId('template-row').first().waitFor();
    await page.getByTestId('template-row').first().locator('input').nth(1).fill('NOPE');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await world.shoot('4-settings-unknown-activity');
    await page.keyboard.press('Escape');
    await page.getByTestId('calling-view').waitFor();

    const prospectId = await logWithNotes('1', notes);

    await expect
      .poll(() => page.getByTestId('status-attention').textContent(), { timeout: 20_000 })
      .toMatch(/1 need attention/);
    await expect(page.getByTestId('status-waiting').textContent()).resolves.toMatch(
      /^\s*0 waiting/,
    );
    await world.shoot('5-needs-attention');

    await page.keyboard.press('o');
    await page.getByTestId('outbox-view').waitFor();
    await expect.poll(() => page.getByTestId('attention-item').count()).toBe(1);

    const item = page.getByTestId('attention-item');

    // McLeod's own sentence, so the rep knows what to change.
    await expect(item.getByTestId('attention-error').textContent()).resolves.toMatch(
      /Activity code "NOPE" does not exist/,
    );
    await world.shoot('6-outbox-attention');

    const checker = await signedInChecker(world.server);

    expect(withNotes(await checker.api.prospectHistory(prospectId), notes)).toHaveLength(0);

    await item.getByRole('button', { name: 'Edit' }).click();
    await item.getByTestId('fix-activity').fill('NOANS');
    await world.shoot('7-fixing-activity');
    await item.getByTestId('resend').click();

    await expect
      .poll(() => page.getByTestId('attention-item').count(), { timeout: 20_000 })
      .toBe(0);
    await expect
      .poll(() => page.getByTestId('status-waiting').textContent(), { timeout: 20_000 })
      .toMatch(/^\s*0 waiting/);
    await expect(page.getByTestId('status-attention').count()).resolves.toBe(0);
    await expect
      .poll(() => page.getByTestId('sent-item').filter({ hasText: notes }).count())
      .toBe(1);
    await world.shoot('8-resent');

    const ours = withNotes(await checker.api.prospectHistory(prospectId), notes);

    expect(ours).toHaveLength(1);
    expect(ours[0]!.activityId).toBe('NOANS');
    expect(ours[0]!.remarks).toBe(`No answer - ${notes}`);
    await checker.close();
  });
});

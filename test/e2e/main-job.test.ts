/**
 * The rep's main job, end to end: the built renderer in Debian's Chromium, the real core
 * behind the browser bridge, the McLeod simulator (or a real server from MCLEOD_* env) over
 * HTTP. Every outcome is logged with the keyboard; then each prospect's history is read back
 * through a McLeod client to prove every action arrived once, as logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McLeodApi, ProspectAction } from '../../electron/mcleod/types';
import { defaultTemplates } from '../../electron/outcomes/templates';
import {
  currentProspectId as prospectOnCard,
  signedInChecker,
  startE2e,
  startFirstProfileWith as startProfileWith,
  waitForCardToLeave as waitForCardToLeaveOn,
  type E2eWorld,
} from './support';

/** What the test logged for one prospect, to compare with McLeod's history. */
interface Logged {
  prospectId: string;
  templateKey: string;
  notes: string;
  /** Follow-up date shortcut in days from today, or undefined for none. */
  followUpDays?: number;
  dialed: boolean;
}

let world: E2eWorld;

beforeAll(async () => {
  world = await startE2e({ shots: 'main-job', allowRealServer: true });
});

afterAll(async () => {
  await world?.close();
});

const shoot = (name: string) => world.shoot(name);
const currentProspectId = () => prospectOnCard(world.page);
const waitForCardToLeave = (prospectId: string) => waitForCardToLeaveOn(world.page, prospectId);
const startFirstProfileWith = (needed: number) => startProfileWith(world.page, needed);

function todayPlus(days: number): string {
  const date = new Date();

  date.setDate(date.getDate() + days);

  return date.toDateString();
}

async function historyOf(api: McLeodApi, prospectId: string): Promise<ProspectAction[]> {
  return api.prospectHistory(prospectId);
}

describe('a calling session driven from the keyboard', () => {
  it('signs in, walks a call list logging five outcomes, and McLeod has each once', async () => {
    const { page, bridge, server, sim, core, adapters } = world;
    const testStart = Date.now() - 1_000;

    await page.goto(bridge.url);
    await page.getByTestId('signin-server').fill(server.url);
    await page.getByTestId('signin-company').fill(server.companyId);
    await page.getByTestId('signin-user').fill(server.userId);
    await page.getByTestId('signin-password').fill(`${server.password}-wrong`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toMatch(/\S/);
    await shoot('1-sign-in-error');

    await page.getByTestId('signin-password').fill(server.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('profile-item').first().waitFor();
    await expect(page.getByTestId('status-connection').getAttribute('data-state'))
      .resolves.toBe('online');
    await shoot('2-profiles');

    await startFirstProfileWith(5);
    await shoot('3-calling');

    const logged: Logged[] = [];

    // 1: "No answer" straight from the card with its key.
    let prospectId = await currentProspectId();

    await page.keyboard.press('1');
    logged.push({ prospectId, templateKey: '1', notes: '', followUpDays: 1, dialed: false });
    await waitForCardToLeave(prospectId);

    // 2: notes first, then Alt+2 from inside the notes field.
    prospectId = await currentProspectId();
    await expect(page.getByTestId('notes').inputValue()).resolves.toBe('');
    await page.keyboard.press('n');
    await page.keyboard.type('Asked for the shipping manager, back Friday');
    await page.keyboard.press('Alt+2');
    logged.push({
      prospectId,
      templateKey: '2',
      notes: 'Asked for the shipping manager, back Friday',
      followUpDays: 2,
      dialed: false,
    });
    await waitForCardToLeave(prospectId);

    // 3: dial, talk, write notes, leave the field with Esc, log "Talked" with 5.
    prospectId = await currentProspectId();
    const dialable = (await page.locator('.dial-button').count()) > 0;

    // The simulator's seeded list has a dialable number here; a real server may not.
    if (sim) expect(dialable).toBe(true);

    if (dialable) {
      await page.keyboard.press('d');
      await page
        .locator('[data-testid=call-timer], [data-testid=outside-hours], [data-testid=dial-error]')
        .first()
        .waitFor();
      await expect(page.getByTestId('dial-error').count()).resolves.toBe(0);
      if (await page.getByTestId('outside-hours').isVisible()) {
        await shoot('4-outside-hours');
        await page.keyboard.press('Enter');
      }
      await page.getByTestId('call-timer').waitFor();
      await page.waitForTimeout(1_300);
      await shoot('4-on-the-call');
    }
    await page.keyboard.press('n');
    await page.keyboard.type('Ships 4 reefer loads a week to Dallas');
    await page.keyboard.press('Escape');
    await page.keyboard.press('5');
    logged.push({
      prospectId,
      templateKey: '5',
      notes: 'Ships 4 reefer loads a week to Dallas',
      followUpDays: 3,
      dialed: dialable,
    });
    await waitForCardToLeave(prospectId);
    await expect(page.locator('[data-testid=call-timer]').count()).resolves.toBe(0);

    // 4: change the follow-up date with F, then log "Rate quote requested" with 6.
    prospectId = await currentProspectId();
    await page.keyboard.press('f');
    await page.keyboard.type('t4');
    await page.keyboard.press('Escape');
    await page.keyboard.press('6');
    logged.push({ prospectId, templateKey: '6', notes: '', followUpDays: 4, dialed: false });
    await waitForCardToLeave(prospectId);

    // 5: "Bad number" has no follow-up.
    prospectId = await currentProspectId();
    await page.keyboard.press('4');
    logged.push({ prospectId, templateKey: '4', notes: '', dialed: false });
    await waitForCardToLeave(prospectId);

    // 6: "Not interested" through the global hotkey path (main -> event -> renderer).
    prospectId = await currentProspectId();
    const status = await core.handlers['hotkeys:status'](undefined);
    const notInterested = status.bindings.find((binding) => binding.action === 'outcome9');

    expect(notInterested?.registered).toBe(true);
    expect(adapters.shortcuts.press(notInterested!.accelerator)).toBe(true);
    logged.push({ prospectId, templateKey: '9', notes: '', followUpDays: 90, dialed: false });
    await waitForCardToLeave(prospectId);

    await expect(page.getByTestId('progress').textContent()).resolves.toMatch(/of \d+/);

    // Everything reaches McLeod in the background.
    await expect
      .poll(() => page.getByTestId('status-waiting').textContent(), { timeout: 30_000 })
      .toMatch(/^\s*0 waiting/);
    await page.keyboard.press('o');
    await page.getByTestId('outbox-view').waitFor();
    await expect.poll(() => page.getByTestId('sent-item').count()).toBe(logged.length);
    await shoot('5-outbox');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Slash');
    await page.getByTestId('key-help').waitFor();
    await shoot('6-key-help');
    await page.keyboard.press('Escape');
    await page.keyboard.press(',');
    await page.getByTestId('template-row').first().waitFor();
    await shoot('7-settings');

    const checker = await signedInChecker(server);
    const { api } = checker;

    for (const entry of logged) {
      const template = defaultTemplates.find((candidate) => candidate.key === entry.templateKey)!;
      const expectedRemarks = entry.notes
        ? `${template.remarks} - ${entry.notes}`
        : template.remarks;
      const ours = (await historyOf(api, entry.prospectId)).filter(
        (action) =>
          action.actionDate !== undefined &&
          Date.parse(action.actionDate) >= testStart &&
          action.activityId === template.activityId,
      );

      expect(ours, `one ${template.activityId} for ${entry.prospectId}`).toHaveLength(1);

      const action = ours[0]!;

      expect(action.remarks).toBe(expectedRemarks);
      expect(Date.parse(action.actionDate!)).toBeLessThanOrEqual(Date.now() + 60_000);

      if (entry.followUpDays === undefined) {
        expect(action.nextActivityId).toBeUndefined();
      } else {
        expect(action.nextActivityId).toBe(template.nextActivityId);
        expect(new Date(action.nextActionDate!).toDateString()).toBe(todayPlus(entry.followUpDays));
      }

      if (template.objectionId) expect(action.objectionId1).toBe(template.objectionId);
      if (entry.dialed) expect(action.callLength).toBe(1);
    }

    expect(logged.length).toBeGreaterThanOrEqual(5);
    expect(adapters.opened.filter((link) => link.length > 0)).toHaveLength(
      logged.filter((entry) => entry.dialed).length,
    );
    await checker.close();
  });
});

/**
 * The outcome panel and the screens around it, end to end in Chromium, for the mistakes a
 * reviewer found: follow-up edits that leaked onto another key, a follow-up that could not be
 * removed, a one-key end of session, an offline card shown as "List finished", and signing
 * out with outcomes still waiting. What the dialer sent is read back from McLeod.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProspectAction } from '../../electron/mcleod/types';
import {
  currentProspectId,
  endSession,
  signIn,
  signedInChecker,
  startE2e,
  startFirstProfileWith,
  waitForCardToLeave,
  type E2eWorld,
} from './support';

let world: E2eWorld;
const stamp = Date.now().toString(36);

beforeAll(async () => {
  world = await startE2e({ shots: 'outcome-panel' });
});

afterAll(async () => {
  await world?.close();
});

function todayPlus(days: number): string {
  const date = new Date();

  date.setDate(date.getDate() + days);

  return date.toDateString();
}

/** Today plus `days` as the outbox shows a follow-up date: "2026-12-06". */
function shownDay(days: number): string {
  const date = new Date();

  date.setDate(date.getDate() + days);

  const two = (n: number) => String(n).padStart(2, '0');

  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** The one action McLeod holds for `prospectId` whose remarks carry `notes`. */
async function actionWithNotes(prospectId: string, notes: string): Promise<ProspectAction> {
  const checker = await signedInChecker(world.server);

  try {
    const ours = (await checker.api.prospectHistory(prospectId)).filter((action) =>
      action.remarks?.includes(notes),
    );

    expect(ours, `one action for ${prospectId} with "${notes}"`).toHaveLength(1);

    return ours[0]!;
  } finally {
    await checker.close();
  }
}

async function allSent(): Promise<void> {
  await expect
    .poll(() => world.page.getByTestId('status-waiting').textContent(), { timeout: 30_000 })
    .toMatch(/^\s*0 waiting/);
}

describe('the outcome panel', () => {
  it('logs the key pressed with its own follow-up after editing another template', async () => {
    const { page } = world;
    const notes = `edited nine, pressed one ${stamp}`;

    await page.goto(world.bridge.url);
    await signIn(page, world.server);
    await startFirstProfileWith(page, 6);

    const prospectId = await currentProspectId(page);

    await page.getByTestId('choose-9').click();
    await page.getByTestId('objection').fill('PRICE');
    await page.getByTestId('follow-up-date').fill('t30');
    await page.getByTestId('notes').fill(notes);
    await world.shoot('1-edited-nine');
    // The rep changes their mind and logs "No answer" from the notes field.
    await page.keyboard.press('Alt+1');
    await waitForCardToLeave(page, prospectId);
    await allSent();

    const action = await actionWithNotes(prospectId, notes);

    expect(action.activityId).toBe('NOANS');
    expect(action.remarks).toBe(`No answer - ${notes}`);
    expect(action.nextActivityId).toBe('FOLLOW');
    expect(new Date(action.nextActionDate!).toDateString()).toBe(todayPlus(1));
    expect(action.objectionId1).toBeUndefined();
  });

  it('logs no follow-up when both fields are emptied, and points out one emptied', async () => {
    const { page } = world;
    const withoutFollowUp = `no follow-up ${stamp}`;
    const fixedFollowUp = `date put back ${stamp}`;

    const first = await currentProspectId(page);

    await page.getByTestId('notes').fill(withoutFollowUp);
    await page.getByTestId('choose-5').click();
    await page.getByTestId('follow-up-activity').fill('');
    await page.getByTestId('follow-up-date').fill('');
    await page.keyboard.press('Control+Enter');
    await waitForCardToLeave(page, first);

    // Only the date emptied: the panel says so and logs nothing until it is fixed.
    const second = await currentProspectId(page);

    await page.getByTestId('notes').fill(fixedFollowUp);
    await page.getByTestId('choose-5').click();
    await page.getByTestId('follow-up-date').fill('');
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.getByTestId('follow-up-error').textContent())
      .toMatch(/date/i);
    await world.shoot('2-follow-up-half-emptied');
    expect(await currentProspectId(page)).toBe(second);
    await expect(page.getByTestId('status-waiting').textContent()).resolves.toMatch(/^\s*0 /);

    await page.getByTestId('follow-up-date').fill('t2');
    await page.keyboard.press('Control+Enter');
    await waitForCardToLeave(page, second);
    await allSent();

    const removed = await actionWithNotes(first, withoutFollowUp);

    expect(removed.activityId).toBe('TALK');
    expect(removed.nextActivityId).toBeUndefined();
    expect(removed.nextActionDate).toBeUndefined();

    const fixed = await actionWithNotes(second, fixedFollowUp);

    expect(fixed.activityId).toBe('TALK');
    expect(fixed.nextActivityId).toBe('FOLLOW');
    expect(new Date(fixed.nextActionDate!).toDateString()).toBe(todayPlus(2));
  });

  it('asks before E ends the session: Esc keeps calling, Enter ends', async () => {
    const { page } = world;
    const prospectId = await currentProspectId(page);

    await page.keyboard.press('e');
    await page.getByTestId('end-confirm').waitFor();
    await world.shoot('3-end-confirm');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('end-confirm').count()).toBe(0);
    expect(await currentProspectId(page)).toBe(prospectId);

    await page.keyboard.press('e');
    await page.getByTestId('end-confirm').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('profile-item').first().waitFor();
    await expect(page.getByTestId('calling-view').count()).resolves.toBe(0);
  });
});

describe('offline and signing out', () => {
  it('shows why an unsaved card cannot be shown offline, and J/K still move', async () => {
    const { page, core } = world;

    // No card ahead is kept for offline use from here on; the ones the calling above kept
    // stay, so the test walks past them to the first card never fetched.
    await core.handlers['settings:update']({ prefetchAhead: 0 });
    await startFirstProfileWith(page, 12);
    await world.stopSim();

    const problem = page.getByTestId('card-problem');
    let lastCached = await currentProspectId(page);

    const card = page.locator('.prospect-card');
    /** What the calling view shows right now, without waiting for either to appear. */
    const shown = async () => {
      if ((await problem.count()) > 0) return 'problem';

      return (await card.count()) > 0 ? card.getAttribute('data-prospect-id') : null;
    };

    for (let step = 0; step < 10 && (await problem.count()) === 0; step += 1) {
      await page.keyboard.press('j');
      await expect.poll(shown, { timeout: 10_000 }).not.toBe(lastCached);
      await expect.poll(shown).not.toBeNull();
      if ((await problem.count()) === 0) lastCached = await currentProspectId(page);
    }

    await expect(problem.textContent()).resolves.toMatch(/not saved for offline use/);
    const view = await core.handlers['session:current'](undefined);

    expect(view?.finished).toBe(false);
    expect(view?.currentId).toBeTruthy();
    await expect(problem.textContent()).resolves.toContain(view!.currentId!);
    await expect(page.getByTestId('session-finished').count()).resolves.toBe(0);
    await world.shoot('4-offline-card-not-saved');

    await page.keyboard.press('k');
    await expect.poll(() => currentProspectId(page)).toBe(lastCached);
  });

  it('signs out with an outcome waiting and says so before and after', async () => {
    const { page } = world;
    const notes = `waiting through sign-out ${stamp}`;
    const prospectId = await currentProspectId(page);

    await page.getByTestId('notes').fill(notes);
    await page.keyboard.press('Alt+2');
    await expect
      .poll(() => page.getByTestId('status-waiting').textContent(), { timeout: 20_000 })
      .toMatch(/^\s*1 waiting/);

    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('sign-out-confirm').textContent()).resolves.toMatch(
      /1 logged call/,
    );
    await world.shoot('5-sign-out-confirm');
    await page.getByTestId('sign-out-confirm').getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('signin-server').waitFor();
    await expect(page.getByTestId('signin-notice').textContent()).resolves.toMatch(
      /1 logged call will be sent/,
    );
    await world.shoot('6-signed-out');

    await world.restartSim();
    await signInAgain();
    await allSent();
    expect((await actionWithNotes(prospectId, notes)).activityId).toBe('VM');
  });

  it('counts the outcomes still waiting on the sign-in screen when the dialer opens', async () => {
    const { page } = world;
    const notes = `waiting for a new sign-in ${stamp}`;

    if ((await page.getByTestId('calling-view').count()) === 0) {
      await startFirstProfileWith(page, 2);
    }
    const prospectId = await currentProspectId(page);

    // McLeod stops taking this token; no password is remembered, so the rep must sign in.
    for (const token of Object.values(world.sim!.state.tokens)) token.revoked = true;
    await page.getByTestId('notes').fill(notes);
    await page.keyboard.press('Alt+3');
    await page.getByTestId('signin-server').waitFor({ timeout: 20_000 });

    // The window opens again (a reload here, a restart for the rep) on the sign-in screen.
    await page.reload();
    await page.getByTestId('signin-server').waitFor();
    await expect
      .poll(() => page.getByTestId('signin-waiting').textContent())
      .toMatch(/1 logged call/);
    await expect(page.getByTestId('status-waiting').textContent()).resolves.toMatch(
      /^\s*1 waiting/,
    );
    await world.shoot('7-sign-in-counts-waiting');

    await signInAgain();
    await allSent();
    expect((await actionWithNotes(prospectId, notes)).activityId).toBe('GK');
  });
});

describe('the outbox fix form', () => {
  it('shows follow-up dates readably and keeps one item\'s edits while another opens', async () => {
    const { page, core } = world;
    const first = `first refused ${stamp}`;
    const second = `second refused ${stamp}`;
    const templates = (await core.handlers['settings:get'](undefined)).templates;

    // "No answer" mapped onto a code this company lacks: McLeod refuses both outcomes.
    await core.handlers['settings:update']({
      templates: templates.map((t) => (t.key === '1' ? { ...t, activityId: 'NOPE' } : t)),
    });
    // A fresh list, so the card on screen is not one the revoked token could not fetch.
    if ((await page.getByTestId('calling-view').count()) > 0) await endSession(page);
    await startFirstProfileWith(page, 3);

    const firstId = await currentProspectId(page);

    await page.getByTestId('notes').fill(first);
    await page.keyboard.press('Alt+1');
    await waitForCardToLeave(page, firstId);
    const secondId = await currentProspectId(page);

    await page.getByTestId('notes').fill(second);
    await page.keyboard.press('Alt+1');
    await waitForCardToLeave(page, secondId);
    await core.handlers['settings:update']({ templates });

    await expect
      .poll(() => page.getByTestId('status-attention').textContent(), { timeout: 20_000 })
      .toMatch(/2 need attention/);
    await page.keyboard.press('o');
    await expect.poll(() => page.getByTestId('attention-item').count()).toBe(2);

    // Found by their notes once; the open fix form no longer shows them as text.
    const ids = new Map<string, string>();

    for (const notes of [first, second]) {
      const found = page.getByTestId('attention-item').filter({ hasText: notes });

      ids.set(notes, (await found.getAttribute('data-outbox-id')) ?? '');
    }
    const itemOf = (notes: string) => page.locator(`[data-outbox-id="${ids.get(notes)}"]`);
    const shownTomorrow = shownDay(1);

    await itemOf(first).getByRole('button', { name: 'Edit' }).click();
    await itemOf(first).getByTestId('fix-activity').fill('NOANS');
    await itemOf(second).getByRole('button', { name: 'Edit' }).click();
    // Opening the second did not throw away the first one's change.
    await expect(itemOf(first).getByTestId('fix-activity').inputValue()).resolves.toBe('NOANS');
    await expect(itemOf(second).getByTestId('fix-next-date').inputValue()).resolves.toBe(
      shownTomorrow,
    );

    const typed = shownDay(3);

    await itemOf(second).getByTestId('fix-activity').fill('NOANS');
    await itemOf(second).getByTestId('fix-next-date').fill('the day after');
    await itemOf(second).getByTestId('resend').click();
    await expect(itemOf(second).getByTestId('fix-problem').textContent()).resolves.toMatch(
      /2026|t1/,
    );
    await itemOf(second).getByTestId('fix-next-date').fill(typed);
    await world.shoot('8-outbox-two-fixes');
    await itemOf(second).getByTestId('resend').click();
    await itemOf(first).getByTestId('resend').click();

    await expect
      .poll(() => page.getByTestId('attention-item').count(), { timeout: 20_000 })
      .toBe(0);
    await allSent();

    const kept = await actionWithNotes(firstId, first);

    expect(kept.activityId).toBe('NOANS');
    expect(new Date(kept.nextActionDate!).toDateString()).toBe(todayPlus(1));

    const moved = await actionWithNotes(secondId, second);

    expect(moved.activityId).toBe('NOANS');
    expect(new Date(moved.nextActionDate!).toDateString()).toBe(todayPlus(3));
  });
});

describe('settings', () => {
  it('names hotkeys in words and shows a refused change beside the save button', async () => {
    const { page } = world;

    await page.keyboard.press('Escape');
    await page.keyboard.press(',');
    await page.getByTestId('settings-save').waitFor();

    const labels = await page.getByTestId('hotkey-label').allTextContents();

    expect(labels.map((label) => label.trim())).toEqual(
      expect.arrayContaining(['Outcome 1 – No answer', 'Bring the dialer to the front']),
    );
    expect(labels.join(' ')).not.toMatch(/outcome1|focus/);

    await page.getByTestId('hours-start').fill('18:00');
    await page.getByTestId('hours-end').fill('08:00');
    await page.getByTestId('settings-save').click();

    const error = page.getByTestId('settings-error');

    await expect(error.textContent()).resolves.toMatch(/start before they end/);
    const errorBox = await error.boundingBox();
    const saveBox = await page.getByTestId('settings-save').boundingBox();

    // Beside the button, not somewhere the rep has to scroll to.
    expect(Math.abs(errorBox!.y - saveBox!.y)).toBeLessThan(60);
    await world.shoot('9-settings-error');

    await page.getByTestId('hours-start').fill('08:00');
    await page.getByTestId('hours-end').fill('17:00');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await expect(error.count()).resolves.toBe(0);
  });
});

/** Signs in from the sign-in screen; the open session comes back, so either screen follows. */
async function signInAgain(): Promise<void> {
  const { page, server } = world;

  await page.getByTestId('signin-server').fill(server.url);
  await page.getByTestId('signin-company').fill(server.companyId);
  await page.getByTestId('signin-user').fill(server.userId);
  await page.getByTestId('signin-password').fill(server.password);
  await page.keyboard.press('Enter');
  await page.getByTestId('calling-view').or(page.getByTestId('profile-item').first()).waitFor();
}

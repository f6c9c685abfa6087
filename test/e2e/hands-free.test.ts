/**
 * Hands-free calling, end to end in Chromium: dialing with the keyboard through the softphone
 * link from Settings, the call timer feeding McLeod's call length, the calling-hours guard,
 * and the global hotkeys the shell registers for a session.
 *
 * The core runs on a clock the test moves by hand and the page's clock is pinned to the same
 * instant, so local times, the timer and the calling window do not depend on when this runs.
 * Links are what the shell would hand to the OS (recorded by the Node adapters); outcomes are
 * read back from McLeod through a client of the test's own.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhoneChoice, ProspectCard } from '../../electron/contract';
import { fixedClock } from '../harness/node-adapters';
import {
  currentProspectId,
  signIn,
  signedInChecker,
  startE2e,
  startFirstProfileWith,
  waitForCardToLeave,
  type E2eWorld,
} from './support';

/**
 * Yesterday at 17:00 UTC: mid-morning to early afternoon in the simulator's mainland zones,
 * and in the past, because McLeod lists an action under history only once its date has come.
 */
const workingHours = new Date(Date.now() - 24 * 3_600_000);

workingHours.setUTCHours(17, 0, 0, 0);

/** Twelve hours earlier, 05:00 UTC: night in every US zone, Hawaii included. */
const nightTime = new Date(workingHours.getTime() - 12 * 3_600_000);

const clock = fixedClock(workingHours);
/** An accelerator "another app" owns before the session starts. */
const takenSkip = 'CommandOrControl+Alt+S';
const freeSkip = 'CommandOrControl+Alt+K';

let world: E2eWorld;
let page: Page;

beforeAll(async () => {
  world = await startE2e({
    shots: 'hands-free',
    clock,
    prepare: (adapters) => adapters.shortcuts.taken.add(takenSkip),
  });
  page = world.page;
});

afterAll(async () => {
  await world?.close();
});

/** Moves the core's clock and the page's clock to the same instant. */
async function setClocks(instant: Date): Promise<void> {
  clock.set(instant);
  await page.clock.setFixedTime(instant);
}

async function currentCard(): Promise<ProspectCard> {
  const view = await world.core.handlers['session:current'](undefined);

  if (!view?.current) throw new Error('The session shows no card.');

  return view.current;
}

/** The phone highlighted on screen, as the core describes it on the card. */
async function selectedPhone(): Promise<PhoneChoice> {
  const highlighted = page.locator('[data-testid=card-phone].selected');
  const key = await highlighted.getAttribute('data-phone-key');
  const phone = (await currentCard()).phones.find((candidate) => candidate.key === key);

  if (!phone?.dialable) throw new Error(`The selected phone "${key}" cannot be dialed.`);

  return phone;
}

/** Runs `act` and returns the one dial link the shell was asked to open because of it. */
async function linkOpenedBy(act: () => Promise<unknown>): Promise<string> {
  const before = world.adapters.opened.length;

  await act();
  await expect.poll(() => world.adapters.opened.length).toBe(before + 1);

  return world.adapters.opened.at(-1)!;
}

/** Walks on with J (at most ten cards) until the card on screen passes `wanted`. */
async function walkToCard(wanted: (card: ProspectCard) => boolean): Promise<ProspectCard> {
  for (let step = 0; step < 10; step += 1) {
    const card = await currentCard();

    if (wanted(card)) return card;

    await page.keyboard.press('j');
    await waitForCardToLeave(page, card.id);
  }

  throw new Error('None of the next ten cards is the one the test needs.');
}

const insideHours = (card: ProspectCard) =>
  card.localTime.withinWindow !== false && card.phones.some((phone) => phone.dialable);

const extensionIndex = (card: ProspectCard) =>
  card.phones.findIndex((phone) => phone.dialable?.includes(';ext='));

/** The Settings row of a hotkey; rows show the action in words, so find it by its name. */
function hotkeyRow(action: string) {
  return page.locator(`.hotkey-table tr[data-action="${action}"]`);
}

describe('hands-free calling', () => {
  it('dials with keys and hotkeys, times the call, and keeps to calling hours', async () => {
    const { core, adapters } = world;

    await page.clock.setFixedTime(workingHours);
    await page.goto(world.bridge.url);
    await signIn(page, world.server);
    await startFirstProfileWith(page, 5);

    // 1. D dials the highlighted number through the tel: preset, extension included.
    const first = await walkToCard((card) => insideHours(card) && extensionIndex(card) >= 0);

    await page.keyboard.press(`Shift+Digit${extensionIndex(first) + 1}`);

    const withExtension = await selectedPhone();

    expect(withExtension.dialable).toMatch(/^\+\d{11};ext=\d+$/);
    expect(await linkOpenedBy(() => page.keyboard.press('d'))).toBe(
      `tel:${withExtension.dialable}`,
    );
    await page.getByTestId('call-timer').waitFor();
    await world.shoot('1-dialed-tel');

    await page.keyboard.press(',');
    await page.getByTestId('dial-preset').selectOption('zoom');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await world.shoot('2-settings-zoom');
    await page.keyboard.press('Escape');
    await page.getByTestId('calling-view').waitFor();

    // Back on the same card, the same number is still the one D dials.
    expect((await selectedPhone()).key).toBe(withExtension.key);

    const e164 = withExtension.dialable!.split(';')[0];

    expect(await linkOpenedBy(() => page.keyboard.press('d'))).toBe(`zoomphonecall://${e164}`);
    await world.shoot('3-dialed-zoom');

    // 2. Two and a half minutes on the phone: the timer says so, McLeod gets 3 minutes.
    await expect.poll(() => page.getByTestId('call-timer').textContent()).toMatch(/00:00/);
    clock.advance(150_000);
    await page.clock.setFixedTime(clock.now());
    await expect.poll(() => page.getByTestId('call-timer').textContent()).toMatch(/02:30/);
    await world.shoot('4-on-the-call-2-30');

    const talkedTo = await currentProspectId(page);
    const notes = `timed call ${Date.now().toString(36)}`;

    await page.keyboard.press('n');
    await page.keyboard.type(notes);
    await page.keyboard.press('Escape');
    await page.keyboard.press('5');
    await waitForCardToLeave(page, talkedTo);
    await expect
      .poll(() => page.getByTestId('status-waiting').textContent(), { timeout: 20_000 })
      .toMatch(/^\s*0 waiting/);

    const checker = await signedInChecker(world.server);
    const timed = (await checker.api.prospectHistory(talkedTo)).filter((action) =>
      action.remarks?.includes(notes),
    );

    expect(timed).toHaveLength(1);
    expect(timed[0]!.activityId).toBe('TALK');
    expect(timed[0]!.callLength).toBe(3);
    await checker.close();

    // 3. At night where the prospect is, D warns and opens nothing; L puts them later.
    await setClocks(nightTime);

    const sleeping = await currentCard();

    expect(sleeping.localTime.withinWindow).toBe(false);
    const progressBefore = await page.getByTestId('progress').textContent();
    const openedBefore = adapters.opened.length;

    await page.keyboard.press('d');
    await page.getByTestId('outside-hours').waitFor();
    await expect(page.getByTestId('outside-hours').textContent()).resolves.toContain(sleeping.name);
    expect(adapters.opened).toHaveLength(openedBefore);
    await world.shoot('5-outside-hours');

    await page.keyboard.press('l');
    await waitForCardToLeave(page, sleeping.id);
    await expect(page.getByTestId('outside-hours').count()).resolves.toBe(0);
    await expect(page.getByTestId('progress').textContent()).resolves.toBe(progressBefore);
    await expect(page.getByTestId('hours-warning').isVisible()).resolves.toBe(true);
    await world.shoot('6-moved-later');

    // The rep decides to call anyway: D, then Enter on the warning.
    const lateCallId = await currentProspectId(page);
    const lateCallPhone = await selectedPhone();

    await page.keyboard.press('d');
    await page.getByTestId('outside-hours').waitFor();
    expect(adapters.opened).toHaveLength(openedBefore);
    expect(await linkOpenedBy(() => page.keyboard.press('Enter'))).toBe(
      `zoomphonecall://${lateCallPhone.dialable!.split(';')[0]}`,
    );
    await page.getByTestId('call-timer').waitFor();
    await world.shoot('7-dialed-anyway');

    // 4. Global hotkeys, as the shell registers them for the session.
    await setClocks(new Date(workingHours.getTime() + 20 * 60_000));

    const status = await core.handlers['hotkeys:status'](undefined);
    const dialKey = status.bindings.find((binding) => binding.action === 'dial')!;
    const skipKey = status.bindings.find((binding) => binding.action === 'skip')!;

    expect(status.active).toBe(true);
    expect(status.bindings.filter((binding) => binding.registered)).toHaveLength(13);
    expect(dialKey.registered).toBe(true);
    expect(skipKey).toMatchObject({ accelerator: takenSkip, registered: false });
    expect(skipKey.problem).toMatch(/taken by another app/);

    await page.keyboard.press('j');
    await waitForCardToLeave(page, lateCallId);
    await walkToCard(insideHours);

    const hotkeyTarget = await selectedPhone();

    let pressed = false;
    const hotkeyLink = await linkOpenedBy(async () => {
      pressed = adapters.shortcuts.press(dialKey.accelerator);
    });

    expect(pressed).toBe(true);
    expect(hotkeyLink).toBe(`zoomphonecall://${hotkeyTarget.dialable!.split(';')[0]}`);
    await world.shoot('8-dialed-by-hotkey');

    await page.keyboard.press(',');
    await expect.poll(() => hotkeyRow('skip').locator('.error').textContent()).toMatch(
      /taken by another app/,
    );
    await hotkeyRow('skip').scrollIntoViewIfNeeded();
    await world.shoot('9-hotkey-taken');

    const rebound = await core.handlers['hotkeys:bind']({ action: 'skip', accelerator: freeSkip });

    expect(rebound.bindings.find((binding) => binding.action === 'skip')).toMatchObject({
      accelerator: freeSkip,
      registered: true,
    });
    await expect.poll(() => hotkeyRow('skip').locator('.error').count()).toBe(0);
    await expect(hotkeyRow('skip').textContent()).resolves.toContain('active');
    await world.shoot('10-hotkey-rebound');

    const paused = await core.handlers['hotkeys:pause']({ paused: true });

    expect(paused.bindings.every((binding) => !binding.registered)).toBe(true);
    expect(adapters.shortcuts.press(dialKey.accelerator)).toBe(false);
    expect(adapters.shortcuts.press(freeSkip)).toBe(false);
    await expect.poll(() => page.getByTestId('hotkeys-paused').isChecked()).toBe(true);
    await world.shoot('11-hotkeys-paused');

    await core.handlers['hotkeys:pause']({ paused: false });
    const beforeSkip = (await core.handlers['session:current'](undefined))!.current!.id;

    // Still on the Settings page: a global hotkey brings the calling page back and acts.
    expect(await page.getByTestId('settings-view').count()).toBe(1);
    expect(adapters.shortcuts.press(freeSkip)).toBe(true);
    await page.getByTestId('calling-view').waitFor();
    await waitForCardToLeave(page, beforeSkip);
  });
});

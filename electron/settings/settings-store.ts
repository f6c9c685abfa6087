/**
 * The rep's preferences and last sign-in (never a secret), kept as a small JSON file in the
 * user-data folder so they outlive the per-account database. A file that cannot be read is
 * moved aside and replaced by defaults: preferences are worth less than a working app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { HotkeyAction, OutcomeTemplate, Settings } from '../contract';
import { log } from '../logging/log';

const logger = log.scope('settings');

export interface LastSignIn {
  serverUrl: string;
  companyId: string;
  userId: string;
  remember: boolean;
}

export interface StoredSettings extends Omit<Settings, 'dialPresets'> {
  lastSignIn?: LastSignIn;
  hotkeysPaused: boolean;
}

const templateSchema = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  activityId: z.string(),
  remarks: z.string(),
  nextActivityId: z.string().optional(),
  nextActionDate: z.string().optional(),
  objectionId: z.string().optional(),
});

const fileSchema = z.object({
  dialTemplate: z.string().optional(),
  dialPreset: z.string().optional(),
  defaultCountry: z.string().length(2).optional(),
  callingHours: z.object({ start: z.string(), end: z.string() }).optional(),
  hotkeys: z.record(z.string(), z.string()).optional(),
  hotkeysPaused: z.boolean().optional(),
  prefetchAhead: z.number().int().min(0).max(20).optional(),
  templates: z.array(templateSchema).optional(),
  lastSignIn: z
    .object({
      serverUrl: z.string(),
      companyId: z.string(),
      userId: z.string(),
      remember: z.boolean(),
    })
    .optional(),
});

export interface SettingsDefaults {
  dialPreset: string;
  dialTemplate: string;
  hotkeys: Record<HotkeyAction, string>;
  templates: OutcomeTemplate[];
}

export interface SettingsStore {
  get(): StoredSettings;
  update(change: Partial<StoredSettings>): StoredSettings;
  /** Set when the file was unreadable at start-up and was moved aside. */
  recoveredFrom?: string;
}

export function createSettingsStore(folder: string, defaults: SettingsDefaults): SettingsStore {
  const file = path.join(folder, 'settings.json');
  const base: StoredSettings = {
    dialPreset: defaults.dialPreset,
    dialTemplate: defaults.dialTemplate,
    defaultCountry: 'US',
    callingHours: { start: '08:00', end: '17:00' },
    hotkeys: { ...defaults.hotkeys },
    hotkeysPaused: false,
    prefetchAhead: 3,
    templates: defaults.templates,
  };
  let recoveredFrom: string | undefined;
  let current = read();

  function read(): StoredSettings {
    if (!fs.existsSync(file)) return base;

    try {
      const saved = fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));

      return {
        ...base,
        ...saved,
        hotkeys: { ...base.hotkeys, ...saved.hotkeys },
        templates: saved.templates?.length ? saved.templates : base.templates,
      } as StoredSettings;
    } catch (error) {
      recoveredFrom = `${file}.unreadable-${Date.now()}`;
      fs.renameSync(file, recoveredFrom);
      logger.warn('settings unreadable, moved aside and using defaults', {
        file: recoveredFrom,
        reason: String(error),
      });

      return base;
    }
  }

  function write(settings: StoredSettings): void {
    fs.mkdirSync(folder, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;

    // Write then rename, so a crash mid-write leaves the previous file whole.
    fs.writeFileSync(temporary, JSON.stringify(settings, null, 2));
    fs.renameSync(temporary, file);
  }

  return {
    get: () => current,
    update(change) {
      current = { ...current, ...change };
      write(current);

      return current;
    },
    get recoveredFrom() {
      return recoveredFrom;
    },
  };
}

/** What the renderer may see of the settings, with the presets main allows. */
export function publicSettings(
  settings: StoredSettings,
  dialPresets: Settings['dialPresets'],
): Settings {
  const { lastSignIn: _lastSignIn, hotkeysPaused: _paused, ...visible } = settings;

  return { ...visible, dialPresets };
}

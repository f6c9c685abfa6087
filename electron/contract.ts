/**
 * The one map of everything the renderer may ask the main process, and every event main
 * sends back. Main registers a handler per channel (checked sender, zod-parsed payload);
 * preload builds `window.dialer` from the same list; the renderer imports only types.
 *
 * Every call answers `Result<T>`: errors cross IPC as data, with a message the rep can act
 * on, because Electron flattens thrown errors into an unhelpful string.
 */
import { z } from 'zod';
import { channelNames, eventNames, type Channel, type EventName } from './channels';
import type { McLeodErrorKind } from './mcleod/errors';
import type { CallListProfile, Contact, IsoDateTime, Money, ProspectAction } from './mcleod/types';

// ---- values the renderer sees -------------------------------------------------------------

/** McLeod's own failure kinds, plus what the app itself can refuse. */
export type ErrorCode =
  | McLeodErrorKind
  | 'invalid'
  | 'not-found'
  | 'no-session'
  | 'no-phone'
  | 'outside-hours'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export type ConnectionState = 'online' | 'offline' | 'syncing' | 'signed-out';

export interface AuthStatus {
  signedIn: boolean;
  /** Set when the last sign-in is known but a password is needed again. */
  serverUrl?: string;
  companyId?: string;
  userId?: string;
  remember: boolean;
  /** A message to show on the sign-in screen (e.g. why the session ended). */
  notice?: string;
}

export interface ProfileSummary extends CallListProfile {
  /** When this list was read from McLeod; set when shown from the cache. */
  cachedAt?: IsoDateTime;
}

export type QueueSource =
  | { kind: 'profile'; profileId: string }
  | {
      kind: 'savedSearch';
      userId: string;
      createUserId: string;
      screenClassName: string;
      searchName: string;
    }
  | { kind: 'search'; query: string };

export interface PhoneChoice {
  /** Stable key for the renderer: `main`, `contact:<id>:phone`, `contact:<id>:mobile`. */
  key: string;
  label: string;
  /** As typed in McLeod. */
  raw: string;
  /** Formatted for the rep (national format for the default country), if valid. */
  display?: string;
  /** E.164 plus extension, if valid. */
  dialable?: string;
  /** Why it cannot be dialed, if not valid. */
  problem?: string;
}

export interface LocalTimeInfo {
  timeZone?: string;
  /** e.g. "2:05 PM CST"; absent when the zone is unknown. */
  localTime?: string;
  /** Calling window for this prospect, e.g. "8:00-17:00". */
  window?: string;
  withinWindow?: boolean;
  /** How the zone was found: from state, ZIP or phone area code. */
  source?: 'state' | 'zip' | 'area-code';
}

export interface ProspectCard {
  id: string;
  name: string;
  city?: string;
  state?: string;
  zip?: string;
  primaryContact?: Contact;
  contacts: Contact[];
  phones: PhoneChoice[];
  /** Why no number can be dialed, if none can. */
  noPhoneReason?: string;
  potential?: Money;
  confidenceLevel?: number;
  monthlyOrderGoal?: number;
  lastShipDate?: IsoDateTime;
  nextCallDate?: IsoDateTime;
  commodity?: string;
  trailerType?: string;
  salesStatus?: string;
  prospectType?: string;
  businessHours?: string;
  remarks?: string;
  comments: string[];
  lastActions: ProspectAction[];
  upcomingActions: ProspectAction[];
  localTime: LocalTimeInfo;
  /** Called more recently than the prospect's days-between-calls. */
  calledTooRecently?: string;
  /** Set when the card comes from the local cache rather than the server. */
  cachedAt?: IsoDateTime;
  /** Priority colour from the profile's column_to_color, if any. */
  priorityColor?: string;
}

export interface SessionView {
  source: QueueSource;
  title: string;
  /** 0-based index into the queue. */
  position: number;
  total: number;
  done: number;
  skipped: number;
  /** Undefined once the queue is finished, or when the card cannot be shown (see below). */
  current?: ProspectCard;
  /** Id of the current prospect, even when its card cannot be shown. */
  currentId?: string;
  /** Why the current card cannot be shown (offline and never fetched, for example). */
  currentProblem?: string;
  finished: boolean;
  /** Set when the queue was built from the cache. */
  cachedAt?: IsoDateTime;
}

export interface OutcomeTemplate {
  id: string;
  /** Shown on the key: "1".."9". */
  key: string;
  label: string;
  activityId: string;
  remarks: string;
  /** Follow-up activity code, or empty for none. */
  nextActivityId?: string;
  /** A McLeod date shortcut (`t3`, `t1 0900`) or empty for none. */
  nextActionDate?: string;
  objectionId?: string;
}

export interface LogOutcomeRequest {
  prospectId: string;
  templateId: string;
  notes: string;
  nextActivityId?: string;
  nextActionDate?: string;
  objectionId?: string;
  /** Seconds on the phone, from the call timer. */
  callSeconds?: number;
}

export interface OutboxItem {
  id: number;
  prospectId: string;
  prospectName: string;
  activityId: string;
  remarks: string;
  nextActivityId?: string;
  nextActionDate?: string;
  loggedAt: IsoDateTime;
  state: 'waiting' | 'sending' | 'sent' | 'attention' | 'discarded';
  attempts: number;
  lastError?: string;
  sentAt?: IsoDateTime;
}

export interface OutboxStatus {
  connection: ConnectionState;
  waiting: number;
  attention: number;
  lastSentAt?: IsoDateTime;
  nextAttemptAt?: IsoDateTime;
  lastError?: string;
}

export interface DialResult {
  link: string;
  startedAt: IsoDateTime;
  /** Present when the call is outside the prospect's calling window. */
  warning?: string;
}

export type HotkeyAction =
  'dial' | 'next' | 'previous' | 'skip' | 'focus' | `outcome${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`;

export interface HotkeyBinding {
  action: HotkeyAction;
  accelerator: string;
  /** False when the OS or another app owns it. */
  registered: boolean;
  problem?: string;
}

export interface HotkeyStatus {
  active: boolean;
  paused: boolean;
  bindings: HotkeyBinding[];
}

export interface DialPresetInfo {
  id: string;
  label: string;
  template: string;
  /** What the rep should know about this softphone's link. */
  note: string;
}

export interface Settings {
  dialTemplate: string;
  dialPreset: string;
  defaultCountry: string;
  callingHours: { start: string; end: string };
  /** The hotkey accelerators, by action. */
  hotkeys: Partial<Record<HotkeyAction, string>>;
  prefetchAhead: number;
  templates: OutcomeTemplate[];
  /** The softphone presets main allows; read-only. */
  dialPresets: DialPresetInfo[];
}

// ---- request schemas -----------------------------------------------------------------------

const id = z.string().min(1).max(200);
const shortcutOrDate = z.string().max(40);

const queueSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('profile'), profileId: id }),
  z.object({
    kind: z.literal('savedSearch'),
    userId: id,
    createUserId: id,
    screenClassName: id,
    searchName: id,
  }),
  z.object({ kind: z.literal('search'), query: z.string().min(1).max(500) }),
]);

const outcomeTemplate = z.object({
  id,
  key: z.string().max(3),
  label: z.string().min(1).max(80),
  activityId: z.string().min(1).max(20),
  remarks: z.string().max(2000),
  nextActivityId: z.string().max(20).optional(),
  nextActionDate: shortcutOrDate.optional(),
  objectionId: z.string().max(20).optional(),
});

const hotkeyAction = z.enum([
  'dial',
  'next',
  'previous',
  'skip',
  'focus',
  'outcome1',
  'outcome2',
  'outcome3',
  'outcome4',
  'outcome5',
  'outcome6',
  'outcome7',
  'outcome8',
  'outcome9',
]);

const none = z.undefined();

const clockTime = z
  .string()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Use a time of day such as 08:00 or 17:30.');

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);

  return hours * 60 + minutes;
}

export const requests = {
  'auth:status': none,
  'auth:signIn': z.object({
    serverUrl: z.string().min(1).max(500),
    companyId: z.string().max(40),
    userId: z.string().min(1).max(100),
    password: z.string().min(1).max(500),
    remember: z.boolean(),
  }),
  'auth:signOut': none,

  'profiles:list': z.object({ refresh: z.boolean().optional() }).optional(),

  'session:start': queueSource,
  'session:resume': none,
  'session:current': none,
  'session:next': none,
  'session:previous': none,
  'session:skip': none,
  'session:moveLater': none,
  'session:end': none,

  'outcome:templates': none,
  'outcome:log': z.object({
    prospectId: id,
    templateId: id,
    notes: z.string().max(4000),
    nextActivityId: z.string().max(20).optional(),
    nextActionDate: shortcutOrDate.optional(),
    objectionId: z.string().max(20).optional(),
    callSeconds: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600)
      .optional(),
  }),

  'outbox:status': none,
  'outbox:list': z.object({ state: z.enum(['waiting', 'attention', 'sent']) }),
  'outbox:resend': z.object({
    id: z.number().int().positive(),
    remarks: z.string().max(4000).optional(),
    activityId: z.string().max(20).optional(),
    nextActivityId: z.string().max(20).optional(),
    nextActionDate: shortcutOrDate.optional(),
  }),
  'outbox:discard': z.object({ id: z.number().int().positive() }),

  'dial:start': z.object({
    prospectId: id,
    phoneKey: z.string().max(200),
    force: z.boolean().optional(),
  }),
  'dial:copy': z.object({ prospectId: id, phoneKey: z.string().max(200) }),
  'dial:end': none,

  'settings:get': none,
  'settings:update': z.object({
    dialTemplate: z.string().max(300).optional(),
    dialPreset: z.string().max(40).optional(),
    defaultCountry: z.string().length(2).optional(),
    callingHours: z
      .object({ start: clockTime, end: clockTime })
      .refine((hours) => minutesOf(hours.start) < minutesOf(hours.end), {
        message: 'Calling hours must start before they end (for example 08:00 to 17:00).',
      })
      .optional(),
    prefetchAhead: z.number().int().min(0).max(20).optional(),
    templates: z
      .array(outcomeTemplate)
      .min(1, 'Keep at least one outcome template.')
      .max(9)
      .optional(),
  }),

  'hotkeys:status': none,
  'hotkeys:bind': z.object({ action: hotkeyAction, accelerator: z.string().max(60) }),
  'hotkeys:pause': z.object({ paused: z.boolean() }),
} as const satisfies Record<Channel, z.ZodType>;

/** What each channel answers (inside `Result`). */
export interface Responses {
  'auth:status': AuthStatus;
  'auth:signIn': AuthStatus;
  'auth:signOut': AuthStatus;
  'profiles:list': ProfileSummary[];
  'session:start': SessionView;
  'session:resume': SessionView | null;
  'session:current': SessionView | null;
  'session:next': SessionView;
  'session:previous': SessionView;
  'session:skip': SessionView;
  'session:moveLater': SessionView;
  'session:end': null;
  'outcome:templates': OutcomeTemplate[];
  'outcome:log': { outboxId: number; session: SessionView };
  'outbox:status': OutboxStatus;
  'outbox:list': OutboxItem[];
  'outbox:resend': OutboxStatus;
  'outbox:discard': OutboxStatus;
  'dial:start': DialResult;
  'dial:copy': { copied: string };
  'dial:end': { callSeconds: number };
  'settings:get': Settings;
  'settings:update': Settings;
  'hotkeys:status': HotkeyStatus;
  'hotkeys:bind': HotkeyStatus;
  'hotkeys:pause': HotkeyStatus;
}

export type Request<C extends Channel> = z.input<(typeof requests)[C]>;

export const channels: readonly Channel[] = channelNames;

export { eventNames, type Channel, type EventName };

// ---- events from main ----------------------------------------------------------------------

/** Payload of each event; the check at the end keeps it in step with `eventNames`. */
export interface Events {
  'auth:changed': AuthStatus;
  'session:changed': SessionView | null;
  'outbox:changed': OutboxStatus;
  'hotkey:pressed': { action: HotkeyAction };
  'hotkeys:changed': HotkeyStatus;
  'dial:timer': { startedAt: IsoDateTime | null };
}

/** The object preload exposes as `window.dialer`. */
export type DialerBridge = {
  invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Responses[C]>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

/** Handlers the core provides for every channel. */
export type Handlers = {
  [C in Channel]: (request: z.output<(typeof requests)[C]>) => Promise<Responses[C]>;
};

/** How the core pushes events to whichever window (or test page) is listening. */
export type EmitEvent = <E extends EventName>(event: E, payload: Events[E]) => void;

// Compile-time checks that the name lists and the maps agree both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatch: Same<Channel, keyof Responses> = true;
const eventsMatch: Same<EventName, keyof Events> = true;

void channelsMatch;
void eventsMatch;

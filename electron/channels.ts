/**
 * The names of the IPC channels and events, without their schemas: the sandboxed preload
 * may load nothing but `electron`, so it cannot bundle zod. `contract.ts` is checked against
 * these lists at compile time, so a channel cannot be added in one place only.
 */
export const channelNames = [
  'auth:status',
  'auth:signIn',
  'auth:signOut',
  'profiles:list',
  'session:start',
  'session:resume',
  'session:current',
  'session:next',
  'session:previous',
  'session:skip',
  'session:moveLater',
  'session:end',
  'outcome:templates',
  'outcome:log',
  'outbox:status',
  'outbox:list',
  'outbox:resend',
  'outbox:discard',
  'dial:start',
  'dial:copy',
  'dial:end',
  'settings:get',
  'settings:update',
  'hotkeys:status',
  'hotkeys:bind',
  'hotkeys:pause',
] as const;

export const eventNames = [
  'auth:changed',
  'session:changed',
  'outbox:changed',
  'hotkey:pressed',
  'hotkeys:changed',
  'dial:timer',
] as const;

export type Channel = (typeof channelNames)[number];

export type EventName = (typeof eventNames)[number];

import type { IpcMain } from 'electron';
import {
  DESKTOP_CHANNELS,
  desktopFailure,
  isDesktopChannel,
  isDesktopError,
  type DesktopArgs,
  type DesktopChannel,
  type DesktopEnvelope,
  type DesktopResult,
} from '../../shared/ipc';

/** One function per channel; arguments arrive already validated against shared/ipc.ts. */
export type DesktopHandlers = {
  [C in DesktopChannel]: (...args: DesktopArgs<C>) => Promise<DesktopResult<C>> | DesktopResult<C>;
};

/** The part of an IpcMainInvokeEvent the gate reads. */
export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcGateOptions {
  handlers: DesktopHandlers;
  /** Decides whether a frame URL is the app itself (see isInternalUrl in shared/url.ts). */
  isTrustedSenderUrl: (url: string) => boolean;
  log?: (message: string, error?: unknown) => void;
}

export interface IpcGate {
  dispatch(
    channel: unknown,
    event: IpcSenderEvent,
    args: unknown[],
  ): Promise<DesktopEnvelope<unknown>>;
  register(ipcMain: Pick<IpcMain, 'handle'>): void;
}

type AnyHandler = (...args: unknown[]) => unknown;

/** Names which arguments were wrong without echoing their values (they may be secrets). */
function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(arguments)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The single door from the renderer into the main process, in the manner of VS Code's
 * validatedIpcMain: unknown channels, senders that are not the app's own main frame, and arguments
 * that do not match the contract are refused here, not in each handler. Every answer is an
 * envelope, so a throwing handler becomes `{ok: false}` instead of an opaque rejection.
 */
export function createIpcGate(options: IpcGateOptions): IpcGate {
  const log = options.log ?? (() => undefined);
  for (const channel of Object.keys(options.handlers)) {
    if (!isDesktopChannel(channel)) throw new Error(`handler for unknown channel ${channel}`);
  }

  async function dispatch(
    channel: unknown,
    event: IpcSenderEvent,
    args: unknown[],
  ): Promise<DesktopEnvelope<unknown>> {
    if (!isDesktopChannel(channel)) return desktopFailure('unknown_channel', 'unknown channel');
    let frame: IpcSenderEvent['senderFrame'];
    try {
      frame = event.senderFrame;
    } catch {
      frame = null; // the frame was destroyed while the call was in flight
    }
    if (frame === null || frame.parent !== null || !options.isTrustedSenderUrl(frame.url)) {
      log(`refused ${channel} from a foreign or nested frame`);
      return desktopFailure('forbidden_sender', 'sender is not the app window');
    }
    const contract = DESKTOP_CHANNELS[channel];
    const parsedArgs = contract.args.safeParse(args);
    if (!parsedArgs.success) {
      return desktopFailure('invalid_request', describeIssues(parsedArgs.error.issues));
    }
    let value: unknown;
    try {
      const handler = options.handlers[channel] as AnyHandler;
      value = await handler(...(parsedArgs.data as unknown[]));
    } catch (error) {
      if (isDesktopError(error)) return desktopFailure(error.code, error.message);
      log(`handler for ${channel} failed`, error);
      return desktopFailure('internal', 'unexpected error in the desktop shell');
    }
    const parsedResult = contract.result.safeParse(value);
    if (!parsedResult.success) {
      log(
        `handler for ${channel} returned an invalid result: ${describeIssues(parsedResult.error.issues)}`,
      );
      return desktopFailure('internal', 'the desktop shell produced an invalid answer');
    }
    return { ok: true, value: parsedResult.data };
  }

  return {
    dispatch,
    register(ipcMain) {
      for (const channel of Object.keys(DESKTOP_CHANNELS)) {
        ipcMain.handle(channel, (event, ...args: unknown[]) => dispatch(channel, event, args));
      }
    },
  };
}

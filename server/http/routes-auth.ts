import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/common';
import {
  LoginRequestSchema,
  PROTOCOL_VERSION,
  type LoginResponse,
} from '../../shared/sync/protocol';
import { listDevices, login, revokeDevice } from '../accounts/accounts';
import { readEpoch } from '../sync/meta';
import type { AppContext } from './context';
import { ApiError, parseWith } from './errors';

const DeviceParamsSchema = z.object({ id: IdSchema });

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/auth/login', async (request) => {
    const body = parseWith(LoginRequestSchema, request.body, 'sign-in request');
    const wait = await ctx.loginThrottle.admit(request.ip, body.email);
    if (wait > 0) {
      request.log.warn({ email: body.email, ip: request.ip }, 'sign-in throttled');
      throw new ApiError('rate_limited', 'Too many sign-in attempts; wait and try again', {
        retryAfterMs: wait,
      });
    }
    const session = await login(ctx.db, body.email, body.password, body.deviceName);
    if (session) await ctx.loginThrottle.succeeded(request.ip, body.email);
    else await ctx.loginThrottle.failed(request.ip, body.email);
    if (!session) {
      request.log.warn({ email: body.email }, 'sign-in refused');
      throw new ApiError('invalid_credentials', 'Wrong e-mail or password');
    }
    request.log.info({ userId: session.user.id, deviceId: session.deviceId }, 'device signed in');
    const response: LoginResponse = {
      token: session.token,
      device: { id: session.deviceId, name: body.deviceName },
      user: session.user,
      epoch: await readEpoch(ctx.db),
      serverTime: ctx.now(),
      protocolVersion: PROTOCOL_VERSION,
    };
    return response;
  });

  app.post('/auth/logout', async (request) => {
    const actor = await ctx.requireActor(request);
    await revokeDevice(ctx.db, actor.deviceId, actor.userId);
    return { ok: true };
  });

  app.get('/me', async (request) => {
    const actor = await ctx.requireActor(request);
    return {
      user: actor.user,
      deviceId: actor.deviceId,
      epoch: await readEpoch(ctx.db),
      serverTime: ctx.now(),
    };
  });

  app.get('/devices', async (request) => {
    const actor = await ctx.requireActor(request);
    return { devices: await listDevices(ctx.db, actor.userId, actor.deviceId) };
  });

  app.post('/devices/:id/revoke', async (request) => {
    const actor = await ctx.requireActor(request);
    const { id } = parseWith(DeviceParamsSchema, request.params, 'device id');
    if (!(await revokeDevice(ctx.db, id, actor.userId))) {
      throw new ApiError('not_found', 'No such active device of yours');
    }
    request.log.info({ userId: actor.userId, revoked: id }, 'device revoked');
    return { ok: true };
  });
}

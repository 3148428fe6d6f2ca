import type { FastifyInstance } from 'fastify';
import type { TeamResponse } from '../../shared/sync/protocol';
import { listTeamMembers } from '../accounts/team';
import type { AppContext } from './context';

/** `GET /v1/team`: names for every device of the team; last sync times for a manager. */
export function registerTeamRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/team', async (request) => {
    const actor = await ctx.requireActor(request);
    const response: TeamResponse = {
      team: { id: actor.teamId, name: actor.user.teamName },
      members: await listTeamMembers(ctx.db, actor.teamId, actor.role === 'manager'),
    };
    return response;
  });
}

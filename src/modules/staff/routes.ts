import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../kernel/http/context.ts';

export default async function staffRoutes(app: FastifyInstance, ctx: AppContext) {
  void app;
  void ctx;
}

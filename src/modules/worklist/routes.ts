import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { Worklist, WorklistQuery } from '../../contracts/worklist.ts';
import { getWorklist } from './worklist-queries.ts';

export default async function worklistRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/worklist',
    {
      schema: {
        tags: ['Werklijst'],
        summary:
          'Mijn werklijst voor de organisatie waarvoor ik nu werk: signalen om op te pakken, verzoeken om te beantwoorden, terugkoppelingen, evaluaties en verzuimmeldingen; wat te laat is eerst, dan op deadline. Met per soort het totaal.',
        querystring: WorklistQuery,
        response: { 200: Worklist },
      },
    },
    async (request) => getWorklist(ctx.database, actorOf(request), request.query),
  );
}

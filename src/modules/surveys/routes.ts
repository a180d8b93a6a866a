import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { AnswerSurveyBody, SurveyAnswered, SurveyQuestion, SurveyQuestionParams, SurveyQuestions } from '../../contracts/surveys.ts';
import { answerFieldChecks, answerSurvey } from './survey-answers.ts';
import { getSurveyQuestion, listOpenSurveys } from './survey-queries.ts';

const tags = ['Tevredenheid'];

export default async function surveyRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/surveys/open',
    {
      schema: {
        tags,
        summary:
          'De tevredenheidsvragen die ik nu kan beantwoorden: als ouder met gezag of jongere (12+) tot 30 dagen na een evaluatie van het plan, als leerkracht of mentor in het team van een open casus één keer per kwartaal',
        response: { 200: SurveyQuestions },
      },
    },
    async (request) => listOpenSurveys(ctx.database, actorOf(request)),
  );

  app.get(
    '/surveys/questions/:id',
    {
      schema: {
        tags,
        summary: 'Eén open tevredenheidsvraag van mij (404: niet voor mij, of niet meer open)',
        params: SurveyQuestionParams,
        response: { 200: SurveyQuestion },
      },
    },
    async (request) => getSurveyQuestion(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/surveys/questions/:id/answer',
    {
      schema: {
        tags,
        summary:
          'Een tevredenheidsvraag beantwoorden: een cijfer (1–10, leerkrachten 1–5) met een antwoord in eigen woorden als u wilt, of "liever niet". Eén keer (409 daarna). Het antwoord wordt anoniem bewaard: zonder naam, zonder casus, alleen met de maand.',
        params: SurveyQuestionParams,
        body: AnswerSurveyBody,
        response: { 201: SurveyAnswered },
      },
      config: { fieldChecks: answerFieldChecks },
    },
    async (request, reply) => reply.status(201).send(await answerSurvey(ctx.database, actorOf(request), request.params.id, request.body)),
  );
}

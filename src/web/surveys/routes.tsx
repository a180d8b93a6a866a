import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const SurveyPage = lazyPage(() => import('./SurveyPage.tsx').then((m) => m.SurveyPage));

/** A satisfaction question's own page: whoever it is for (the server decides; anyone else gets "not found"). */
export const surveyRoutes: RouteObject[] = [pageRoute('tevredenheid/:id', null, SurveyPage)];

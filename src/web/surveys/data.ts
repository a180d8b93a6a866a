import { useQuery } from '@tanstack/react-query';
import { api } from '../shared/api.ts';
import { qk } from '../shared/query-keys.ts';
import type { Contract } from '../../contracts/common.ts';
import type { AnswerSurveyBody, SurveyAnswered as SurveyAnsweredSchema, SurveyQuestion as SurveyQuestionSchema, SurveyQuestions as SurveyQuestionsSchema } from '../../contracts/surveys.ts';

export type SurveyQuestion = Contract<typeof SurveyQuestionSchema>;
export type SurveyQuestions = Contract<typeof SurveyQuestionsSchema>;
export type SurveyAnswered = Contract<typeof SurveyAnsweredSchema>;
export type { AnswerSurveyBody };

/** The fields of the answer form, as the server names them in its field errors. */
export const SURVEY_FIELDS = ['score', 'openAnswer', 'declined'] as const;

/** What the signed-in user may answer now (empty for most). */
export function useOpenSurveys() {
  return useQuery({ queryKey: qk.surveys.open, queryFn: () => api.get<SurveyQuestions>('/surveys/open') });
}

/** One question of the user's (404 when it is not theirs or no longer open). */
export function useSurveyQuestion(id: string) {
  return useQuery({ queryKey: qk.surveys.question(id), queryFn: () => api.get<SurveyQuestion>(`/surveys/questions/${encodeURIComponent(id)}`), enabled: Boolean(id), retry: false });
}

export const answerSurvey = (id: string, body: AnswerSurveyBody) => api.post<SurveyAnswered>(`/surveys/questions/${encodeURIComponent(id)}/answer`, body);

/** The scores of a question's scale, lowest first, as the radio buttons' values. */
export const scoresOf = (q: Pick<SurveyQuestion, 'scaleMax'>) => Array.from({ length: q.scaleMax }, (_, i) => String(i + 1));

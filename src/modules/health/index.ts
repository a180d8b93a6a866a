/** Health and the demo accounts list (public routes). */
export { default as healthRoutes } from './routes.ts';

import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

// The core screens: their texts are in the main dictionary, so they do not wait for the parts.
const SignInPage = lazyPage(() => import('./SignInPage.tsx').then((m) => m.SignInPage), false);
const TotpEnrolPage = lazyPage(() => import('./TotpEnrolPage.tsx').then((m) => m.TotpEnrolPage), false);
const HomePage = lazyPage(() => import('./HomePage.tsx').then((m) => m.HomePage), false);

/** Signing in and the second factor: pages without the signed-in layout. */
export const publicSessionRoutes: RouteObject[] = [pageRoute('/inloggen', null, SignInPage), pageRoute('/tweestapsverificatie', null, TotpEnrolPage)];

/** The home page of every signed-in user. */
export const homeRoute: RouteObject = { index: true, element: <HomePage /> };

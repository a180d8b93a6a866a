import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, useRoutes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';

import '@utrecht/design-tokens/dist/theme.css';
import './shared/base.css';
import './theme.css';
import './app.css';

import { textsReady } from './i18n/index.ts';
import { ApiError } from './shared/api.ts';
import { SessionProvider } from './shared/session.tsx';
import { PageLoading, Shell } from './shared/Layout.tsx';
import { routes } from './routes.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Every read of a child's data is logged: do not re-read behind the user's back.
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      retry: (failureCount, error) => {
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
        return failureCount < 2;
      },
    },
    mutations: { retry: false },
  },
});

function App() {
  return useRoutes(routes);
}

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

// The declarative router (no loaders or actions are used) keeps the main script small. Without
// transitions, a page whose code is still coming shows the loading status at once.
void textsReady.finally(() =>
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <BrowserRouter useTransitions={false}>
            <Suspense
              fallback={
                <Shell>
                  <PageLoading />
                </Shell>
              }
            >
              <App />
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);

import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { initI18n } from './i18n/i18n';
import { appRouter } from './app-routes';
import { createClient, createQueryClient, TRPCProvider } from './trpc';
import { Announcer } from './ui/announcer';
import './ui/ui.css';

function App() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <Announcer>
          <RouterProvider router={appRouter} />
        </Announcer>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
// The page's language comes first (its own chunk), then the app renders in it.
void initI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

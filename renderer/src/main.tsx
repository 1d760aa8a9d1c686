// Must stay the first import: it configures zod before any schema is built.
import './zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './client';
import { App } from './components/app';
import { createAppStore } from './store/app-store';
import { AppStoreContext } from './store/app-store-context';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const store = createAppStore(getClient());

createRoot(container).render(
  <StrictMode>
    <AppStoreContext value={store}>
      <App />
    </AppStoreContext>
  </StrictMode>,
);

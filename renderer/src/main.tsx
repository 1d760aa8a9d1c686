// Must stay the first import: it configures zod before any schema is built.
import './zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './client';
import { App } from './components/app';
import { createAppStore } from './store/app-store';
import { AppStoreContext } from './store/app-store-context';
import { createJobsStore } from './store/jobs-store';
import { JobsStoreContext } from './store/jobs-store-context';
import { createFundamentalsStore } from './store/fundamentals-store';
import { createSourcesStore } from './store/sources-store';
import { FundamentalsStoreContext, SourcesStoreContext } from './store/sources-store-context';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const client = getClient();
const store = createAppStore(client);
const jobsStore = createJobsStore(client);
const sourcesStore = createSourcesStore(client);
const fundamentalsStore = createFundamentalsStore(client);

createRoot(container).render(
  <StrictMode>
    <AppStoreContext value={store}>
      <JobsStoreContext value={jobsStore}>
        <SourcesStoreContext value={sourcesStore}>
          <FundamentalsStoreContext value={fundamentalsStore}>
            <App />
          </FundamentalsStoreContext>
        </SourcesStoreContext>
      </JobsStoreContext>
    </AppStoreContext>
  </StrictMode>,
);

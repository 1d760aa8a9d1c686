// Must stay the first import: it configures zod before any schema is built.
import './zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './client';
import { App } from './components/app';
import { createAnalysisStore } from './store/analysis-store';
import {
  AnalysisStoreContext,
  CompareStoreContext,
  MissingJobsStoreContext,
  ScreenerStoreContext,
} from './store/analysis-store-context';
import { createAppStore } from './store/app-store';
import { createCompareStore } from './store/compare-store';
import { AppStoreContext } from './store/app-store-context';
import { createJobsStore } from './store/jobs-store';
import { JobsStoreContext } from './store/jobs-store-context';
import { createFundamentalsStore } from './store/fundamentals-store';
import { createMissingJobsStore } from './store/missing-jobs-store';
import { createScreenerStore } from './store/screener-store';
import { createSourcesStore } from './store/sources-store';
import { FundamentalsStoreContext, SourcesStoreContext } from './store/sources-store-context';
import { createNewsStore } from './store/news-store';
import { NewsStoreContext } from './store/news-store-context';
import { createReportsStore } from './store/reports-store';
import { createReportCardStore } from './store/reports-store-card';
import { ReportCardStoreContext, ReportsStoreContext } from './store/reports-store-context';
import { createSettingsStore } from './store/settings-store';
import { SettingsStoreContext } from './store/settings-store-context';
import { createSqlStore } from './store/sql-store';
import { SqlStoreContext } from './store/sql-store-context';
import { useLocaleStore } from './i18n/locale-store';
import './styles.css';
import './styles-analysis.css';
import './styles-ai.css';
import './styles-sql.css';
import './styles-portfolio.css';
import './styles-desktop.css';
import './styles-asset.css';
import './styles-macro.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const client = getClient();
const store = createAppStore(client);
const jobsStore = createJobsStore(client);
const sourcesStore = createSourcesStore(client);
const fundamentalsStore = createFundamentalsStore(client);
const analysisStore = createAnalysisStore(client);
const missingJobsStore = createMissingJobsStore(client);
const compareStore = createCompareStore(client);
const screenerStore = createScreenerStore(client);
const newsStore = createNewsStore(client);
const reportsStore = createReportsStore(client, useLocaleStore.getState().locale);
const reportCardStore = createReportCardStore(client);
const settingsStore = createSettingsStore(client);
const sqlStore = createSqlStore(client);

createRoot(container).render(
  <StrictMode>
    <AppStoreContext value={store}>
      <JobsStoreContext value={jobsStore}>
        <SourcesStoreContext value={sourcesStore}>
          <FundamentalsStoreContext value={fundamentalsStore}>
            <AnalysisStoreContext value={analysisStore}>
              <MissingJobsStoreContext value={missingJobsStore}>
                <CompareStoreContext value={compareStore}>
                  <ScreenerStoreContext value={screenerStore}>
                    <NewsStoreContext value={newsStore}>
                      <ReportsStoreContext value={reportsStore}>
                        <ReportCardStoreContext value={reportCardStore}>
                          <SettingsStoreContext value={settingsStore}>
                            <SqlStoreContext value={sqlStore}>
                              <App />
                            </SqlStoreContext>
                          </SettingsStoreContext>
                        </ReportCardStoreContext>
                      </ReportsStoreContext>
                    </NewsStoreContext>
                  </ScreenerStoreContext>
                </CompareStoreContext>
              </MissingJobsStoreContext>
            </AnalysisStoreContext>
          </FundamentalsStoreContext>
        </SourcesStoreContext>
      </JobsStoreContext>
    </AppStoreContext>
  </StrictMode>,
);

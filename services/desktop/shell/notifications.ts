import {
  isFinishedUserJob,
  type AlertEvent,
  type EventName,
  type Job,
  type NotificationKind,
} from '../../contract';
import type { CookieStatus } from '../../contract/methods/scrapers';
import type { ShellLocale } from './tray-model';

export interface Notice {
  kind: NotificationKind;
  /** De-duplication key: the same notice is shown once. */
  key: string;
  title: string;
  body: string;
}

const T = {
  'pt-BR': {
    jobDone: 'Tarefa concluída',
    jobFailed: 'Tarefa falhou',
    job: { cotahist: 'Importação de cotações', ai: 'Relatório de IA' } as Record<string, string>,
    signin: 'Login expirando',
    signinBody: 'O login em {name} expira em {days} dia(s). Entre de novo em Fontes de dados.',
    signinExpired: 'O login em {name} expirou. Entre de novo em Fontes de dados.',
    update: 'Atualização pronta',
    updateBody: 'A versão {v} instala ao sair do app.',
  },
  en: {
    jobDone: 'Task finished',
    jobFailed: 'Task failed',
    job: { cotahist: 'Quote import', ai: 'AI report' } as Record<string, string>,
    signin: 'Sign-in expiring',
    signinBody: 'The sign-in to {name} expires in {days} day(s). Sign in again in Data sources.',
    signinExpired: 'The sign-in to {name} has expired. Sign in again in Data sources.',
    update: 'Update ready',
    updateBody: 'Version {v} installs when you quit the app.',
  },
};

/** A finished job as a notice: user-started (no schedule) long jobs only, completed or failed. */
export function jobNotice(job: Job, locale: ShellLocale): Notice | null {
  if (!isFinishedUserJob(job)) return null;
  const t = T[locale];
  const what = t.job[job.scraper_name] ?? job.scraper_name;
  const subject = job.ticker ? `${what} — ${job.ticker}` : what;
  return {
    kind: 'job-finished',
    key: `job:${job.id}:${job.status}`,
    title: job.status === 'completed' ? t.jobDone : t.jobFailed,
    body: job.status === 'completed' ? subject : job.error ? `${subject}: ${job.error.message}` : subject,
  };
}

/** Sign-ins that expire within `withinDays` (or already did), once per source and day count. */
export function signinNotices(status: CookieStatus, locale: ShellLocale, withinDays = 3): Notice[] {
  const t = T[locale];
  return status.sources.flatMap((s) => {
    if (!s.signed_in && !s.needs_renewal) return [];
    const days = s.expires_in_days;
    const expiring = days !== null && days <= withinDays;
    if (!expiring && !s.needs_renewal) return [];
    const left = Math.max(0, Math.floor(days ?? 0));
    return [
      {
        kind: 'signin-expiring' as const,
        key: `signin:${s.id}:${left}`,
        title: t.signin,
        body: (left === 0 || !s.signed_in ? t.signinExpired : t.signinBody)
          .replace('{name}', s.name)
          .replace('{days}', String(left)),
      },
    ];
  });
}

/** An alert that fired (issue 18's rules): once per alert, under the `portfolio-alert` switch. */
export function alertNotice(e: AlertEvent): Notice {
  return {
    kind: 'portfolio-alert',
    key: `alert:${e.id}`,
    title: e.ticker ? `B3 AI Analysis: ${e.ticker}` : 'B3 AI Analysis',
    body: e.message,
  };
}

export function updateNotice(version: string, locale: ShellLocale): Notice {
  const t = T[locale];
  return {
    kind: 'update',
    key: `update:${version}`,
    title: t.update,
    body: t.updateBody.replace('{v}', version),
  };
}

/**
 * Routes notices: each kind switchable in Settings, each key shown once; to the OS (desktop) or
 * as a toast (headless UI). The sink is the adapter's (Electron Notification) or the UI's.
 */
export class NoticeRouter {
  private readonly seen = new Set<string>();
  constructor(
    private readonly o: {
      enabled: (kind: NotificationKind) => boolean;
      show: (notice: Notice) => void;
      locale: () => ShellLocale;
    },
  ) {}

  offer(notice: Notice | null): boolean {
    if (!notice || !this.o.enabled(notice.kind) || this.seen.has(notice.key)) return false;
    this.seen.add(notice.key);
    this.o.show(notice);
    return true;
  }

  /** Feed core events here (`core.events.subscribe`). */
  onEvent(name: EventName, payload: unknown): void {
    if (name === 'job.updated') this.offer(jobNotice((payload as { job: Job }).job, this.o.locale()));
    if (name === 'alert.fired') this.offer(alertNotice(payload as AlertEvent));
  }
}

import type { UpdateStatus } from '../../contract';

export type ShellLocale = 'pt-BR' | 'en';

/** One tray menu line; the Electron adapter maps `id` to an action and builds Menu items from these. */
export type TrayItem =
  | { kind: 'action'; id: 'open' | 'update' | 'quit'; label: string; enabled: boolean }
  | { kind: 'toggle'; id: 'pause-schedules'; label: string; checked: boolean; enabled: boolean }
  | { kind: 'separator' };

const LABELS = {
  'pt-BR': {
    open: 'Abrir B3 AI Analysis',
    check: 'Verificar atualizações',
    checking: 'Verificando atualizações…',
    downloading: 'Baixando atualização… {p}',
    install: 'Atualizar agora (versão {v})',
    pause: 'Pausar agendamentos',
    quit: 'Sair',
    tooltip: 'B3 AI Analysis',
    tooltipPaused: 'B3 AI Analysis — agendamentos pausados',
  },
  en: {
    open: 'Open B3 AI Analysis',
    check: 'Check for updates',
    checking: 'Checking for updates…',
    downloading: 'Downloading update… {p}',
    install: 'Update now (version {v})',
    pause: 'Pause schedules',
    quit: 'Quit',
    tooltip: 'B3 AI Analysis',
    tooltipPaused: 'B3 AI Analysis — schedules paused',
  },
} as const;

export interface TrayInput {
  locale: ShellLocale;
  updates: Pick<UpdateStatus, 'supported' | 'phase' | 'available' | 'progress_percent'>;
  schedulesPaused: boolean;
  /** The scheduler runs in this process (it always does in the app; false while starting). */
  schedulesAvailable: boolean;
}

/** The tray menu: open, update now (or check), pause schedules, quit. */
export function trayMenu(i: TrayInput): TrayItem[] {
  const L = LABELS[i.locale];
  const u = i.updates;
  const items: TrayItem[] = [{ kind: 'action', id: 'open', label: L.open, enabled: true }];
  if (u.supported) {
    const label =
      u.phase === 'downloaded' && u.available
        ? L.install.replace('{v}', u.available.version)
        : u.phase === 'checking'
          ? L.checking
          : u.phase === 'downloading'
            ? L.downloading.replace('{p}', `${Math.round(u.progress_percent ?? 0)}%`)
            : L.check;
    items.push({
      kind: 'action',
      id: 'update',
      label,
      enabled: u.phase !== 'checking' && u.phase !== 'downloading',
    });
  }
  items.push(
    {
      kind: 'toggle',
      id: 'pause-schedules',
      label: L.pause,
      checked: i.schedulesPaused,
      enabled: i.schedulesAvailable,
    },
    { kind: 'separator' },
    { kind: 'action', id: 'quit', label: L.quit, enabled: true },
  );
  return items;
}

export function trayTooltip(locale: ShellLocale, schedulesPaused: boolean): string {
  return schedulesPaused ? LABELS[locale].tooltipPaused : LABELS[locale].tooltip;
}

/** What the tray's "update" line does now: install a downloaded update, or check. */
export function updateAction(phase: UpdateStatus['phase']): 'install' | 'check' | 'none' {
  if (phase === 'downloaded') return 'install';
  if (phase === 'checking' || phase === 'downloading') return 'none';
  return 'check';
}

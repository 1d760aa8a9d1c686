import { Notification } from 'electron';
import type { AlertEvent } from '../../services/contract';
import type { Core } from '../../services/core/app';

/** An alert that fires shows as an OS notification (where the OS supports them). */
export function notifyAlerts(core: Core): () => void {
  return core.events.subscribe((name, payload) => {
    if (name !== 'alert.fired' || !Notification.isSupported()) return;
    const e = payload as AlertEvent;
    new Notification({
      title: e.ticker ? `B3 AI Analysis: ${e.ticker}` : 'B3 AI Analysis',
      body: e.message,
    }).show();
  });
}

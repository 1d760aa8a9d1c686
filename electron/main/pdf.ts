import { BrowserWindow } from 'electron';
import type { PdfRenderer } from '../../services/core/ai/pdf';

/** Reports to PDF with Electron's own Chromium: a hidden window, no scripts, printed and closed. */
export function electronPdfRenderer(): PdfRenderer {
  return async (html) => {
    const win = new BrowserWindow({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    try {
      await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    } finally {
      win.destroy();
    }
  };
}

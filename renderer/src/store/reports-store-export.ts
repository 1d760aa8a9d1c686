import type { Output } from '../../../services/contract';

export type ExportFormat = 'md' | 'pdf';
export type ExportAnswer = Output<'ai.export'>;

/** A file ready to download: its name as the API gave it, and its bytes. */
export interface ExportFile {
  filename: string;
  blob: Blob;
}

/** The bytes of a base64 string (the PDF export); throws on text that is not base64. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The export's content as a file: Markdown text as is, a PDF decoded from base64. */
export function exportFile(
  answer: Pick<ExportAnswer, 'filename' | 'content_type' | 'content' | 'encoding'>,
): ExportFile {
  const content = answer.encoding === 'base64' ? base64ToBytes(answer.content) : answer.content;
  return { filename: answer.filename, blob: new Blob([content], { type: answer.content_type }) };
}

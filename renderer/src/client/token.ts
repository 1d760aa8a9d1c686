/** The bearer token the headless server injects into index.html as `<meta name="b3ai-token">`. */
export function readToken(doc: Document = document): string | null {
  const content = doc.querySelector('meta[name="b3ai-token"]')?.getAttribute('content')?.trim();
  return content ? content : null;
}

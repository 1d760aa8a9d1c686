/** Bytes per btoa() call: a multiple of 3 so chunks concatenate without padding in the middle. */
const CHUNK = 3 * 0x4000;

/** Base64 of a byte array, encoded in chunks so multi-megabyte files neither overflow the stack nor build one huge binary string. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const slice = bytes.subarray(i, i + CHUNK);
    let binary = '';
    for (let j = 0; j < slice.length; j += 0x1000) {
      binary += String.fromCharCode(...slice.subarray(j, j + 0x1000));
    }
    parts.push(btoa(binary));
  }
  return parts.join('');
}

/** Bytes of a base64 string, decoded in chunks (multiples of 4 characters). */
export function base64ToBytes(b64: string): Uint8Array {
  const out = new Uint8Array(Math.floor((b64.length * 3) / 4));
  let n = 0;
  const step = 4 * 0x4000;
  for (let i = 0; i < b64.length; i += step) {
    const binary = atob(b64.slice(i, i + step));
    for (let j = 0; j < binary.length; j++) out[n++] = binary.charCodeAt(j);
  }
  return out.subarray(0, n);
}

/**
 * The certificate's QR code as an SVG data URL for <Image>. qrcode@1.5.3's SVG renderer needs no
 * canvas (toDataURL does, and fails in weapp). The payload is an upper-case URL, so the encoder
 * keeps to alphanumeric (and numeric) segments: never byte mode, a smaller and easier-to-scan code.
 */
import QRCode from 'qrcode';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** ASCII → base64 (no `btoa` in the weapp runtime). */
export function asciiToBase64(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i) & 0xff;
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) & 0xff : -1;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) & 0xff : -1;
    out += BASE64[a >> 2];
    out += BASE64[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)];
    out += b < 0 ? '=' : BASE64[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)];
    out += c < 0 ? '=' : BASE64[c & 63];
  }
  return out;
}

/** The SVG markup for a payload: error correction M, a four-module quiet zone, black on white. */
export function qrSvg(payload: string): string {
  let svg = '';
  let failure: Error | undefined;
  // With a callback the renderer runs synchronously.
  QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } }, (error, out) => {
    if (error) failure = error;
    else svg = out;
  });
  if (failure || !svg) throw failure ?? new Error('QR code was not drawn');
  return svg;
}

export function qrDataUrl(payload: string): string {
  return `data:image/svg+xml;base64,${asciiToBase64(qrSvg(payload))}`;
}

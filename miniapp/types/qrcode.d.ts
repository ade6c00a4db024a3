/** The slice of qrcode@1.5.3 the mini program uses (no @types package installed). */
declare module 'qrcode' {
  export type ErrorCorrectionLevel = 'L' | 'M' | 'Q' | 'H';
  export interface QRCodeOptions {
    errorCorrectionLevel?: ErrorCorrectionLevel;
    margin?: number;
    width?: number;
    color?: { dark?: string; light?: string };
  }
  export interface QRCodeData {
    version: number;
    modules: { size: number; data: Uint8Array | boolean[] };
    segments: { mode: { id: string }; data: unknown }[];
  }
  export function create(text: string, options?: QRCodeOptions): QRCodeData;
  export function toString(
    text: string,
    options: QRCodeOptions & { type: 'svg' },
    callback: (error: Error | null | undefined, svg: string) => void,
  ): void;
  const QRCode: { create: typeof create; toString: typeof toString };
  export default QRCode;
}

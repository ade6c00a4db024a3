/** The local web server compresses the H5 build as a CDN would (the bench reports the bytes saved). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressedFile, preferredEncoding } from '../../scripts/static-compression';

describe('static compression', () => {
  it('picks brotli, then gzip, by what the browser accepts; q=0 refuses one', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(preferredEncoding('gzip')).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(preferredEncoding(undefined)).toBe('identity');
    expect(preferredEncoding('*')).toBe('br');
  });

  it('compresses text assets losslessly, once per content; leaves images alone', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'h5-'));
    const js = path.join(dir, 'app.js');
    const text = 'console.log("公积金服务");\n'.repeat(2000);
    writeFileSync(js, text);
    const br = compressedFile(js, 'br')!;
    expect(br.length).toBeLessThan(Buffer.byteLength(text) / 10);
    expect(brotliDecompressSync(br).toString()).toBe(text);
    expect(gunzipSync(compressedFile(js, 'gzip')!).toString()).toBe(text);
    expect(compressedFile(js, 'br')).toBe(br);
    writeFileSync(js, `${text}// changed\n`);
    expect(brotliDecompressSync(compressedFile(js, 'br')!).toString()).toBe(`${text}// changed\n`);
    const png = path.join(dir, 'logo.png');
    writeFileSync(png, Buffer.alloc(100));
    expect(compressedFile(png, 'br')).toBeUndefined();
    expect(compressedFile(js, 'identity')).toBeUndefined();
  });
});

/**
 * The H5 first screen as a phone downloads it: the sign-in page opened in Chromium (375×812) from
 * the local web server, which compresses as a CDN would. Every response of the page load is
 * counted twice: the bytes that crossed the wire (brotli/gzip) and the bytes after decoding.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Section } from './harness';

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export const h5FirstScreen: Section = {
  id: 'h5-transfer',
  title: 'H5 first screen download',
  async run(ctx) {
    const dist = path.join(ctx.repoRoot, 'miniapp/dist/h5');
    const { CHROMIUM, launchBrowser } = await import('../../e2e/browser');
    if (!existsSync(path.join(dist, 'index.html')) || !existsSync(CHROMIUM)) {
      const note = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : 'not built (run npm run build:h5)';
      return [{ figure: 'H5 first screen transferred', value: null, unit: 'KB', note }];
    }
    const { startWeb } = await import('../dev-stack');
    // the sign-in page asks nothing of the API before a tap; an unreachable one costs nothing here
    const server = await startWeb('http://127.0.0.1:9', 0);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
      const responses: { url: string; transferred: number; decoded: number; encoding: string }[] = [];
      page.on('requestfinished', async (request) => {
        const response = await request.response();
        if (!response || new URL(request.url()).pathname.startsWith('/v1/')) return;
        const [sizes, body] = await Promise.all([request.sizes(), response.body().catch(() => Buffer.alloc(0))]);
        responses.push({ url: request.url(), transferred: sizes.responseBodySize, decoded: body.length, encoding: response.headers()['content-encoding'] ?? 'none' });
      });
      const { port } = server.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
      const transferred = responses.reduce((sum, r) => sum + r.transferred, 0);
      const decoded = responses.reduce((sum, r) => sum + r.decoded, 0);
      ctx.details[this.id] = { responses };
      return [
        { figure: 'H5 first screen, decoded', value: kb(decoded), unit: 'KB' },
        { figure: `H5 first screen transferred (${responses.length} files)`, value: kb(transferred), unit: 'KB' },
      ];
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  },
};

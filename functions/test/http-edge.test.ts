import { readFileSync } from 'node:fs';
import { handler as health } from '../src/health/handler';
import { handler as myAccount } from '../src/account/get-account';
import { handler as openapi } from '../src/openapi/handler';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { useTestTable } from '../../test-support/table';

useTestTable({ seed: true });

describe('the HTTP edge', () => {
  it('answers health checks', async () => {
    const reply = await invoke(health);
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('ok');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('serves the OpenAPI document', async () => {
    const reply = await invoke(openapi);
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe('3.1.0');
  });

  it('turns a failure it did not expect into a 500 with a Chinese message and a request id, never a stack', async () => {
    const { token } = await signIn('demo-renter');
    const savedTable = process.env.TABLE_NAME;
    // point a fresh copy of the handler at a table that does not exist
    let reply;
    await jest.isolateModulesAsync(async () => {
      process.env.TABLE_NAME = 'no-such-table';
      const fresh = await import('../src/account/get-account');
      reply = await invoke(fresh.handler, { token });
    });
    process.env.TABLE_NAME = savedTable;
    expect(reply!.status).toBe(500);
    expect(reply!.body.error).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/[\u4e00-\u9fff]/), requestId: expect.any(String) });
    expect(reply!.text).not.toMatch(/at .*\.ts|ResourceNotFound|stack/i);
    const logged = readFileSync(process.env.HPF_LOG_FILE!, 'utf8');
    expect(logged).toContain(`"message":"unhandled error","requestId":"${reply!.body.error.requestId}"`);
    // the table the container was configured with still answers
    expect((await invoke(myAccount, { token })).status).toBe(200);
  });
});

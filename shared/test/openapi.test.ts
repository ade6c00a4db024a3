import { buildOpenApiDocument } from '../src/openapi';
import { routes } from '../src/api';

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument() as any;

  it('is OpenAPI 3.1 and lists every route of the catalogue with its method', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const [name, spec] of Object.entries(routes)) {
      const operation = document.paths[spec.path]?.[spec.method.toLowerCase()];
      expect(operation).toBeDefined();
      expect(operation.operationId).toBe(name);
    }
  });

  it('describes request bodies, query parameters and error codes from the zod schemas', () => {
    const bind = document.paths['/v1/auth/bind'].post;
    const bodySchema = bind.requestBody.content['application/json'].schema;
    expect(bodySchema.required).toEqual(expect.arrayContaining(['name', 'idNumber', 'phone']));
    expect(bind.responses['422']['x-error-codes']).toContain('IDENTITY_MISMATCH');
    expect(bind.responses['429']['x-error-codes']).toContain('TOO_MANY_ATTEMPTS');

    const ledger = document.paths['/v1/me/ledger'].get;
    expect(ledger.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cursor', 'limit']);
    const account = document.paths['/v1/me/account'].get.responses['200'].content['application/json'].schema;
    expect(account.properties.balanceFen.type).toBe('integer');
  });
});

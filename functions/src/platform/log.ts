/**
 * Structured JSON logs, one object per line, through Powertools' Logger (log level from
 * POWERTOOLS_LOG_LEVEL / LOG_LEVEL / Lambda's log-level control, the X-Ray trace id, a console
 * of its own so CloudWatch gets the line as written) with our formatter: every line says its
 * level, whether it is the container's cold start, the request id — API Gateway's for an HTTP
 * request (the one in the error body and `x-request-id`), else the Lambda invocation's — and the
 * trace id when there is one; then `redact` masks anything in it that looks like an ID number,
 * phone, card or token. Callers pass facts, never whole request bodies, tokens or real-name data.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import { LogFormatter, LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';

type Level = 'debug' | 'info' | 'warn' | 'error';

const ID_NUMBER = /\b(\d{4})\d{10}(\d{3}[\dXx])\b/g;
const PHONE = /\b(1[3-9]\d)\d{4}(\d{4})\b/g;
const CARD = /\b\d{12,15}(\d{4})\b/g;
const BEARER = /(Bearer\s+)[\w.-]+/gi;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;

export function redact(text: string): string {
  return text
    .replace(BEARER, '$1[redacted]')
    .replace(JWT, '[token]')
    .replace(ID_NUMBER, '$1**********$2')
    .replace(CARD, '****$1')
    .replace(PHONE, '$1****$2');
}

/** Every string in a log line, keys included, redacted; a number that reads as one becomes the masked text. */
function redacted(value: unknown, formatter: LogFormatter): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'number') {
    const text = String(value);
    const masked = redact(text);
    return masked === text ? value : masked;
  }
  if (value instanceof Error) return redacted(formatter.formatError(value), formatter);
  if (Array.isArray(value)) return value.map((item) => redacted(item, formatter));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redacted(item, formatter)]));
  }
  return value;
}

interface Invocation {
  requestId?: string;
  /** Lambda's own id of the invocation, when it is not the request id already. */
  lambdaRequestId?: string;
  functionName?: string;
  coldStart: boolean;
}

/**
 * The invocation a line belongs to. Held per async context, not on the logger: handlers run
 * concurrently in one process under `npm start` and the tests, and a line must never carry
 * another request's id.
 */
const invocations = new AsyncLocalStorage<Invocation>();
/** Before the first invocation of an on-demand container, a line is part of its cold start (Powertools' rule). */
let starting = process.env.AWS_LAMBDA_INITIALIZATION_TYPE === 'on-demand';

class RedactingFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const invocation = invocations.getStore();
    const line = {
      level: attributes.logLevel,
      message: attributes.message,
      requestId: invocation?.requestId,
      coldStart: invocation ? invocation.coldStart : starting,
      xrayTraceId: attributes.xRayTraceId,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      functionName: invocation?.functionName,
      lambdaRequestId: invocation?.lambdaRequestId,
      ...additional,
    };
    return new LogItem({ attributes: redacted(line, this) as LogAttributes });
  }
}

class HpfLogger extends Logger {
  /** The test run (and the soak, the bench) collect every line in one file, to keep their output readable and to scan it. */
  protected override printLog(logLevel: number, log: LogItem): void {
    const file = process.env.HPF_LOG_FILE;
    if (!file) return super.printLog(logLevel, log);
    log.prepareForPrint();
    appendFileSync(file, `${JSON.stringify(log.getAttributes(), this.getJsonReplacer())}\n`);
  }

  /** True for the first invocation of an on-demand container, then false (never for provisioned concurrency). */
  firstInvocation(): boolean {
    return this.getColdStart();
  }
}

const SERVICE = 'hpf-member-service';
const loggers = new Map<string, HpfLogger>();
/** One logger per service name (`service` on the line: the dimension of the metrics in it). */
function loggerFor(service: string): HpfLogger {
  let logger = loggers.get(service);
  if (!logger) {
    logger = new HpfLogger({ serviceName: service, logFormatter: new RedactingFormatter() });
    loggers.set(service, logger);
  }
  return logger;
}
const main = loggerFor(SERVICE);

export function log(level: Level, message: string, fields: Record<string, unknown> = {}, service: string = SERVICE): void {
  loggerFor(service)[level](message, fields);
}

/**
 * Runs one invocation with its ids on every line it logs: `requestId` (API Gateway's for an HTTP
 * request, else Lambda's), Lambda's own, and whether it is the container's first (Powertools
 * decides: provisioned concurrency is never a cold start).
 */
export function inInvocation<T>(context: Context | undefined, requestId: string | undefined, run: () => Promise<T>): Promise<T> {
  starting = false;
  const lambdaRequestId = context?.awsRequestId;
  const id = requestId ?? lambdaRequestId;
  return invocations.run(
    {
      requestId: id,
      ...(lambdaRequestId && lambdaRequestId !== id ? { lambdaRequestId } : {}),
      ...(context?.functionName ? { functionName: context.functionName } : {}),
      coldStart: main.firstInvocation(),
    },
    run,
  );
}

const beforeInvocations: (() => Promise<unknown>)[] = [];

/**
 * Work every stream or scheduled invocation waits for before its handler runs: the run-time
 * secrets (platform/config.ts registers it when a handler's code reads the configuration).
 */
export function beforeEachInvocation(hook: () => Promise<unknown>): void {
  if (!beforeInvocations.includes(hook)) beforeInvocations.push(hook);
}

/** A Lambda handler (stream, schedule) whose every log line carries its invocation's ids. */
export function invocationHandler<E, R>(handle: (event: E, context?: Context) => Promise<R>): (event: E, context?: Context) => Promise<R> {
  return (event, context) =>
    inInvocation(context, undefined, async () => {
      for (const hook of beforeInvocations) await hook();
      return handle(event, context);
    });
}

/**
 * cborg 2.0.5 ships its typings at types/cborg.d.ts but its package.json "exports" has no "types"
 * condition, so TypeScript's Bundler resolution cannot reach them (TS7016). This declares the part
 * of the API that certificates/token.ts uses, as documented in cborg's README and types.
 */
declare module 'cborg' {
  export interface CborgType {
    readonly major: number;
    readonly name: string;
  }
  export interface CborgToken {
    readonly type: CborgType;
    readonly value: unknown;
  }
  export type MapSorter = (e1: (CborgToken | CborgToken[])[], e2: (CborgToken | CborgToken[])[]) => number;
  export interface EncodeOptions {
    float64?: boolean;
    mapSorter?: MapSorter;
  }
  export type TagDecoder = (inner: unknown) => unknown;
  export interface DecodeOptions {
    allowIndefinite?: boolean;
    allowUndefined?: boolean;
    coerceUndefinedToNull?: boolean;
    allowInfinity?: boolean;
    allowNaN?: boolean;
    allowBigInt?: boolean;
    strict?: boolean;
    useMaps?: boolean;
    rejectDuplicateMapKeys?: boolean;
    retainStringBytes?: boolean;
    tags?: TagDecoder[];
  }
  export function encode(data: unknown, options?: EncodeOptions): Uint8Array;
  export function decode(data: Uint8Array, options?: DecodeOptions): unknown;
}

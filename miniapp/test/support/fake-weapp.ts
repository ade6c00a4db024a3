/**
 * A small stand-in for the WeChat mini program runtime: loads a built `dist/weapp` in one Node
 * vm context with fake `wx`, `App`, `Page` and `Component`, and records what pages render.
 * It catches what breaks a real launch (missing globals, two Reacts, a throw while rendering);
 * it does not lay anything out.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

type Json = Record<string, unknown>;
type Callback = (value: unknown) => void;
type PageConfig = Record<string, unknown> & { data?: Json };

export interface WxCall {
  api: string;
  options: unknown;
}

export interface FakeResponse {
  statusCode: number;
  data: unknown;
}

export interface PageInstance {
  route: string;
  data: Json;
  setDataCalls: Json[];
  [method: string]: unknown;
}

/** Applies one setData key ("root.cn.[0].v", "root.cn[1]") to a data tree. */
export function applyDataPath(target: Json, key: string, value: unknown): void {
  const parts = key.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  let node: Record<string, unknown> = target;
  parts.forEach((part, index) => {
    if (index === parts.length - 1) {
      node[part] = value;
      return;
    }
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = /^\d+$/.test(parts[index + 1]) ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
}

/** Every text value in a Taro page's data tree, in order. */
export function renderedTexts(data: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'v' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(data);
  return texts;
}

/** Class names in a rendered data tree (Taro stores them under `cl`). */
export function renderedClasses(data: unknown): string[] {
  const classes: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'cl' && typeof value === 'string') classes.push(value);
        else walk(value);
      }
    }
  };
  walk(data);
  return classes;
}

export interface FakeWeappOptions {
  /** Answers wx.request; undefined means the network fails. */
  respond?: (url: string, method: string, data: unknown) => FakeResponse | undefined;
  storage?: Record<string, unknown>;
  /** What wx.scanCode reads. */
  scanResult?: string;
  /** What wx.requestSubscribeMessage answers per template id. */
  subscribeAnswers?: Record<string, string>;
}

export class FakeWeapp {
  readonly calls: WxCall[] = [];
  /** Everything the app logged with console.error (React and Taro report render failures there). */
  readonly errors: unknown[][] = [];
  readonly storage = new Map<string, unknown>();
  readonly pages = new Map<string, PageConfig>();
  readonly components: unknown[] = [];
  readonly appJson: { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
  /** Every route: the main package's pages, then each subpackage's (root + page). */
  readonly allPages: string[];
  app?: Record<string, unknown>;
  private readonly stack: PageInstance[] = [];
  private readonly context: vm.Context;
  private readonly moduleCache = new Map<string, { exports: unknown }>();
  private currentFile = '';
  private readonly captureListeners = new Set<() => void>();

  constructor(
    readonly root: string,
    private readonly options: FakeWeappOptions = {},
  ) {
    this.appJson = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'));
    this.allPages = [
      ...this.appJson.pages,
      ...(this.appJson.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/+$/, '')}/${page}`)),
    ];
    for (const [key, value] of Object.entries(options.storage ?? {})) this.storage.set(key, value);
    const recordingConsole = Object.create(console) as Console;
    recordingConsole.error = (...args: unknown[]) => {
      this.errors.push(args);
    };
    this.context = vm.createContext({
      console: recordingConsole,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      Promise,
      wx: this.createWx(),
      App: (config: Record<string, unknown>) => {
        this.app = config;
      },
      Page: (config: PageConfig) => {
        this.pages.set(this.routeOf(this.currentFile), config);
      },
      Component: (config: unknown) => {
        this.components.push(config);
      },
      Behavior: (config: unknown) => config,
      getApp: () => this.app,
      getCurrentPages: () => [...this.stack],
      requirePlugin: () => ({}),
    });
  }

  /** Runs app.js (which pulls in the shared chunks), then each page file, as WeChat does. */
  boot(): void {
    this.load(path.join(this.root, 'app.js'));
    if (!this.app) throw new Error('app.js did not call App()');
    for (const page of this.allPages) this.load(path.join(this.root, `${page}.js`));
    const launch = { path: this.appJson.pages[0], query: {}, scene: 1001 };
    this.callHook(this.app, 'onLaunch', launch);
    this.callHook(this.app, 'onShow', launch);
  }

  /** Creates a page instance the way WeChat does and runs onLoad → onShow → onReady. */
  async open(route: string, query: Record<string, string> = {}): Promise<PageInstance> {
    const config = this.pages.get(route);
    if (!config) throw new Error(`page ${route} never called Page()`);
    const instance: PageInstance = {
      ...config,
      route,
      __route__: route,
      data: JSON.parse(JSON.stringify(config.data ?? {})),
      setDataCalls: [],
      setData(this: PageInstance, patch: Json, callback?: () => void) {
        this.setDataCalls.push(patch);
        for (const [key, value] of Object.entries(patch)) applyDataPath(this.data, key, value);
        if (callback) setTimeout(callback, 0);
      },
    };
    this.stack.push(instance);
    this.callHook(instance, 'onLoad', query);
    this.callHook(instance, 'onShow');
    this.callHook(instance, 'onReady');
    await settle();
    return instance;
  }

  /** Sends a tap to the rendered node with this Taro node id, as the `eh` template binding does. */
  async tap(page: PageInstance, nodeId: string): Promise<void> {
    const event = {
      type: 'tap',
      timeStamp: Date.now(),
      target: { id: nodeId, dataset: { sid: nodeId } },
      currentTarget: { id: nodeId, dataset: { sid: nodeId } },
      detail: { x: 1, y: 1 },
      touches: [],
      changedTouches: [],
      mpEvent: undefined,
    };
    this.callHook(page, 'eh', event);
    await settle();
  }

  /** The member takes a screenshot. */
  async captureScreen(): Promise<void> {
    for (const listener of this.captureListeners) listener();
    await settle();
  }

  close(page: PageInstance): void {
    this.callHook(page, 'onUnload');
    this.stack.splice(this.stack.indexOf(page), 1);
  }

  private callHook(target: Record<string, unknown>, name: string, ...args: unknown[]) {
    const hook = target[name];
    if (typeof hook === 'function') hook.apply(target, args);
  }

  private routeOf(file: string): string {
    return path.relative(this.root, file).replace(/\\/g, '/').replace(/\.js$/, '');
  }

  private load(file: string): unknown {
    const resolved = file.endsWith('.js') ? file : `${file}.js`;
    const cached = this.moduleCache.get(resolved);
    if (cached) return cached.exports;
    if (!fs.existsSync(resolved)) throw new Error(`require: ${path.relative(this.root, resolved)} is not in the build`);
    const module = { exports: {} as unknown };
    this.moduleCache.set(resolved, module);
    const source = fs.readFileSync(resolved, 'utf8');
    const wrapper = vm.runInContext(`(function (require, module, exports) {${source}\n})`, this.context, {
      filename: resolved,
    }) as (require: (id: string) => unknown, module: { exports: unknown }, exports: unknown) => void;
    const previous = this.currentFile;
    this.currentFile = resolved;
    try {
      wrapper((id) => this.load(path.resolve(path.dirname(resolved), id)), module, module.exports);
    } finally {
      this.currentFile = previous;
    }
    return module.exports;
  }

  private createWx(): Record<string, unknown> {
    const record = (api: string, options?: unknown) => this.calls.push({ api, options });
    const succeed = (api: string, result: Json = {}) => (options: { success?: Callback; complete?: Callback } = {}) => {
      record(api, options);
      const answer = { errMsg: `${api}:ok`, ...result };
      setTimeout(() => {
        options.success?.(answer);
        options.complete?.(answer);
      }, 0);
    };
    const systemInfo = {
      brand: 'devtools',
      model: 'iPhone 12',
      pixelRatio: 3,
      screenWidth: 375,
      screenHeight: 812,
      windowWidth: 375,
      windowHeight: 700,
      statusBarHeight: 44,
      language: 'zh_CN',
      version: '8.0.50',
      system: 'iOS 17.0',
      platform: 'devtools',
      fontSizeSetting: 16,
      SDKVersion: '3.5.0',
    };
    return {
      getSystemInfoSync: () => ({ ...systemInfo }),
      getWindowInfo: () => ({ ...systemInfo }),
      getDeviceInfo: () => ({ ...systemInfo }),
      getAppBaseInfo: () => ({ SDKVersion: '3.5.0', language: 'zh_CN', version: '8.0.50', fontSizeScaleFactor: 1 }),
      getSystemInfo: succeed('getSystemInfo', systemInfo),
      getMenuButtonBoundingClientRect: () => ({ top: 48, bottom: 80, left: 281, right: 368, width: 87, height: 32 }),
      getStorageSync: (key: string) => (this.storage.has(key) ? this.storage.get(key) : ''),
      setStorageSync: (key: string, value: unknown) => {
        record('setStorageSync', { key, value });
        this.storage.set(key, value);
      },
      removeStorageSync: (key: string) => {
        record('removeStorageSync', { key });
        this.storage.delete(key);
      },
      login: succeed('login', { code: 'fake-login-code' }),
      request: (options: {
        url: string;
        method?: string;
        data?: unknown;
        success?: Callback;
        fail?: Callback;
        complete?: Callback;
      }) => {
        record('request', options);
        const response = this.options.respond?.(options.url, options.method ?? 'GET', options.data);
        setTimeout(() => {
          if (response) {
            const result = { ...response, header: {}, errMsg: 'request:ok' };
            options.success?.(result);
            options.complete?.(result);
          } else {
            const failure = { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
            options.fail?.(failure);
            options.complete?.(failure);
          }
        }, 0);
        return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
      },
      navigateTo: succeed('navigateTo'),
      redirectTo: succeed('redirectTo'),
      reLaunch: succeed('reLaunch'),
      navigateBack: succeed('navigateBack'),
      switchTab: succeed('switchTab'),
      showModal: succeed('showModal', { confirm: true, cancel: false }),
      requestSubscribeMessage: succeed('requestSubscribeMessage', this.options.subscribeAnswers ?? {}),
      scanCode: succeed('scanCode', { result: this.options.scanResult ?? '', scanType: 'QR_CODE' }),
      getScreenBrightness: succeed('getScreenBrightness', { value: 0.4 }),
      setScreenBrightness: succeed('setScreenBrightness'),
      setVisualEffectOnCapture: succeed('setVisualEffectOnCapture'),
      onUserCaptureScreen: (listener: () => void) => {
        record('onUserCaptureScreen', listener);
        this.captureListeners.add(listener);
      },
      offUserCaptureScreen: (listener: () => void) => {
        record('offUserCaptureScreen', listener);
        this.captureListeners.delete(listener);
      },
      showToast: succeed('showToast'),
      hideToast: succeed('hideToast'),
      showLoading: succeed('showLoading'),
      hideLoading: succeed('hideLoading'),
      stopPullDownRefresh: succeed('stopPullDownRefresh'),
      setNavigationBarTitle: succeed('setNavigationBarTitle'),
      makePhoneCall: succeed('makePhoneCall'),
      nextTick: (fn: () => void) => setTimeout(fn, 0),
      onAppShow: () => {},
      onAppHide: () => {},
      offAppShow: () => {},
      offAppHide: () => {},
      onError: (listener: (error: unknown) => void) => record('onError', listener),
      onUnhandledRejection: () => {},
      canIUse: () => true,
      env: { USER_DATA_PATH: 'wxfile://usr' },
    };
  }
}

/** Lets timers, promises and React's scheduler run until the page stops changing. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Finds the first rendered node whose subtree shows this text; returns its Taro node id. */
export function findNodeId(data: unknown, text: string, where: (node: Json) => boolean = () => true): string | undefined {
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const record = node as Json;
    if (typeof record.sid === 'string' && where(record) && renderedTexts(record.cn).includes(text)) {
      // keep walking down: the innermost match is the element that was meant
      const before = found;
      walk(record.cn);
      if (found === before) found = record.sid;
      return;
    }
    Object.values(record).forEach(walk);
  };
  walk(data);
  return found;
}

/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built; Taro replaces it at build time. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
    /** Mini program appid; Taro writes it into dist/project.config.json when set. */
    TARO_APP_ID?: string;
    /**
     * Base URL of the API, without a trailing slash. '' means same origin (the h5 dev server
     * proxies /v1); weapp needs an absolute https URL on the request domain whitelist.
     */
    TARO_APP_API_BASE: string;
    /** '1' compiles the demo-member picker in; anything else compiles it out. */
    TARO_APP_DEMO: '0' | '1';
    /** The 到账提醒 subscribe-message template id (default 'hpf-arrival-template'). */
    TARO_APP_ARRIVAL_TEMPLATE: string;
  }
}

import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/** Build-time settings from the environment; see README.md. */
function buildEnv(platform: string) {
  const apiBase = (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '');
  // The h5 build is the demo by default; a weapp build ships without the picker unless asked.
  const demoDefault = platform === 'h5' ? '1' : '0';
  const demo = (process.env.TARO_APP_DEMO ?? demoDefault) === '1' ? '1' : '0';
  if (platform === 'weapp' && apiBase !== '' && !/^https?:\/\//.test(apiBase)) {
    throw new Error(`TARO_APP_API_BASE must be an absolute URL for weapp, got "${apiBase}"`);
  }
  const arrivalTemplate = process.env.TARO_APP_ARRIVAL_TEMPLATE || 'hpf-arrival-template';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(arrivalTemplate)) {
    throw new Error(`TARO_APP_ARRIVAL_TEMPLATE must be a WeChat template id, got "${arrivalTemplate}"`);
  }
  return { apiBase, demo, arrivalTemplate };
}

// The shared package is TypeScript source linked from the workspace: Taro must compile it.
const sharedSource = path.resolve(__dirname, '../../shared/src');

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'weapp';
  const { apiBase, demo, arrivalTemplate } = buildEnv(platform);

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'hpf-miniapp',
    date: '2025-01-01',
    // Sizes in the scss are CSS px on a 375-wide phone (1px → 2rpx in weapp).
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
      TARO_APP_DEMO: JSON.stringify(demo),
      TARO_APP_ARRIVAL_TEMPLATE: JSON.stringify(arrivalTemplate),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSource] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSource] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Taro splits only initial chunks; pages are lazy chunks, so each page would carry its
        // own copy of the component library. Splitting all chunks shares it (~700 → ~400 KB).
        const splitChunks = chain.optimization.get('splitChunks');
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
      },
      devServer: {
        // Same-origin /v1 so the relative API base works in the browser.
        proxy: [{ context: ['/v1'], target: process.env.HPF_API_PROXY ?? 'http://localhost:3000' }],
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});

/**
 * A stand-in for serverless-esbuild under `serverless offline` when the bundles are already
 * built (scripts/function-bundles.ts, once per test run): serverless.yml loads it in the
 * plugin's place when HPF_BUNDLER names it, and it points serverless-offline at
 * HPF_PREBUILT_BUNDLES instead of bundling every function again.
 */
class PrebuiltBundles {
  constructor(serverless) {
    this.hooks = {
      'before:offline:start:init': () => {
        const location = process.env.HPF_PREBUILT_BUNDLES;
        if (!location) throw new Error('HPF_PREBUILT_BUNDLES is not set: it names the folder of prebuilt function bundles');
        serverless.service.custom['serverless-offline'].location = location;
      },
    };
  }
}

module.exports = PrebuiltBundles;

export default definePageConfig({ navigationBarTitleText: '提取办理进度' });

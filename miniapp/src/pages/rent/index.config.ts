export default definePageConfig({ navigationBarTitleText: '租房提取' });

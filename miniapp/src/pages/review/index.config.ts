export default definePageConfig({ navigationBarTitleText: '提取审核' });

export default definePageConfig({ navigationBarTitleText: '离退休提取', enablePullDownRefresh: true });
